/**
 * A validation problem's field, said as a sentence a person can act on: the API's messages are zod's
 * ("Too small: expected string to have >=1 characters") or the schema's own ("a colour as #rrggbb"), written
 * for developers; a page says "Enter the reason." instead, next to the field the pointer names.
 */

/** A field's name from its JSON pointer, when the page has no label for it: "/address/postalCode" → "Postal code". */
export function labelOf(pointer: string): string {
  const last = pointer.split("/").filter(Boolean).pop() ?? "this field";
  const words = last.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One field's problem in words: what to type, not what the validator saw. */
export function inWords(label: string, message: string): string {
  const lower = label.charAt(0).toLowerCase() + label.slice(1);
  let m: RegExpExecArray | null;
  if (/received undefined|^Required$/i.test(message)) return `Enter the ${lower}.`;
  if ((m = /Too small: expected string to have >=?(\d+) character/.exec(message)))
    return Number(m[1]) <= 1 ? `Enter the ${lower}.` : `${label} needs at least ${m[1]} characters.`;
  if ((m = /Too big: expected string to have <=?(\d+) character/.exec(message))) return `${label} takes at most ${m[1]} characters.`;
  if ((m = /Too small: expected number to be (>=?)(\d+)/.exec(message)))
    return m[1] === ">" ? `${label} must be more than ${m[2]}.` : `${label} must be at least ${m[2]}.`;
  if ((m = /Too big: expected number to be (<=?)(\d+)/.exec(message))) return `${label} must be at most ${m[2]}.`;
  if (/expected int/i.test(message)) return `${label} must be a whole number.`;
  if (/expected number/i.test(message)) return `${label} must be a number.`;
  if (/Invalid email/i.test(message)) return `${label} is not an email address: write it as name@example.com.`;
  if (/Invalid URL/i.test(message)) return `${label} is not a web address: write it as https://example.com.`;
  if (/Invalid option/i.test(message)) return `Choose one of the ${lower} options offered.`;
  if (/must match pattern/i.test(message)) return `${label} is not written as expected.`;
  if (/Unrecognized key/i.test(message)) return `${label} is not something this form can set.`;
  // The schemas' own messages name what is expected ("a colour as #rrggbb", "at most 100 kB").
  if (/^(a|an|at|one|letters|text)\b/.test(message)) return `${label} should be ${message.replace(/\.$/, "")}.`;
  return `${label}: ${message.charAt(0).toLowerCase()}${message.slice(1).replace(/\.?$/, ".")}`;
}
