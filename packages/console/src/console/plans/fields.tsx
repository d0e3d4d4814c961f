import { createContext, useContext, useEffect, useId, useState, type ReactNode } from "react";
import { parsePrice, plainAmount, unitPrice } from "../../shared/money.js";
import { inWords } from "../../shared/problem-words.js";

/*
 * The form's fields: each names the JSON pointer of what it edits, so that a refusal from the API
 * (`errors[].pointer`) is written next to the field it names. Numbers are typed as text and kept as the
 * person typed them until they read as one; a field that does not yet read is marked `data-unparsed`, and the
 * form will not save past it.
 */

export const FieldErrors = createContext<ReadonlyMap<string, string[]>>(new Map());

/** What the API said about this pointer. */
export function useFieldErrors(pointer: string): string[] {
  return useContext(FieldErrors).get(pointer) ?? [];
}

/** The API's words about a pointer, where no single input stands for it (a list, a price as a whole). */
export function PointerErrors({ pointer }: { pointer: string }) {
  const errors = useFieldErrors(pointer);
  if (errors.length === 0) return null;
  return (
    <p className="field-error" data-pointer={pointer}>
      {errors.join("; ")}
    </p>
  );
}

function Described(props: {
  label: ReactNode;
  hideLabel?: boolean;
  pointer: string;
  hint?: ReactNode;
  own?: string;
  children: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useId();
  // The API's words are zod's ("Too big: expected number to be <=86400"): said by the field's label instead.
  const said = useFieldErrors(props.pointer).map((m) => (typeof props.label === "string" ? inWords(props.label, m) : m));
  const errors = [...(props.own === undefined ? [] : [props.own]), ...said];
  const described = [errors.length > 0 ? `${id}-error` : "", props.hint !== undefined ? `${id}-hint` : ""].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id} className={props.hideLabel ? "sr-only" : undefined}>
        {props.label}
      </label>
      {props.children({
        id,
        ...(errors.length > 0 ? { "aria-invalid": true } : {}),
        ...(described ? { "aria-describedby": described } : {}),
      })}
      {props.hint !== undefined && (
        <small id={`${id}-hint`} className="hint">
          {props.hint}
        </small>
      )}
      {errors.length > 0 && (
        <small id={`${id}-error`} className="field-error" data-pointer={props.pointer}>
          {errors.join("; ")}
        </small>
      )}
    </div>
  );
}

export function TextField(props: {
  label: string;
  pointer: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  size?: number;
  placeholder?: string;
  hint?: ReactNode;
  hideLabel?: boolean;
}) {
  return (
    <Described label={props.label} hideLabel={props.hideLabel} pointer={props.pointer} hint={props.hint}>
      {(aria) => (
        <input
          {...aria}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          required={props.required}
          size={props.size}
          placeholder={props.placeholder}
          spellCheck={false}
        />
      )}
    </Described>
  );
}

export function SelectField<T extends string>(props: {
  label: string;
  pointer: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (value: T) => void;
  hint?: ReactNode;
}) {
  return (
    <Described label={props.label} pointer={props.pointer} hint={props.hint}>
      {(aria) => (
        <select {...aria} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
          {props.options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Described>
  );
}

/** A number typed as text: kept as typed until it reads, resynced when the draft changes under it (the JSON view). */
function ParsedField(props: {
  label: string;
  pointer: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  parse: (text: string) => number | undefined;
  show: (value: number) => string;
  wrong: string;
  hint?: (value: number) => ReactNode;
  required?: boolean;
  size?: number;
  placeholder?: string;
  hideLabel?: boolean;
}) {
  const { value, parse, show } = props;
  const [text, setText] = useState(value === undefined ? "" : show(value));
  useEffect(() => {
    setText((typed) => {
      const read = typed.trim() === "" ? undefined : parse(typed);
      return read === value ? typed : value === undefined ? "" : show(value);
    });
  }, [value, parse, show]);
  const read = text.trim() === "" ? undefined : parse(text);
  const unparsed = text.trim() !== "" && read === undefined;
  const missing = props.required === true && text.trim() === "";
  return (
    <Described
      label={props.label}
      hideLabel={props.hideLabel}
      pointer={props.pointer}
      {...(unparsed ? { own: props.wrong } : {})}
      {...(!unparsed && read !== undefined && props.hint ? { hint: props.hint(read) } : {})}
    >
      {(aria) => (
        <input
          {...aria}
          inputMode="decimal"
          value={text}
          size={props.size ?? 9}
          placeholder={props.placeholder}
          required={props.required}
          {...(unparsed || missing ? { "data-unparsed": "" } : {})}
          onChange={(e) => {
            setText(e.target.value);
            const next = e.target.value.trim() === "" ? undefined : parse(e.target.value);
            if (e.target.value.trim() === "" || next !== undefined) props.onChange(next);
          }}
        />
      )}
    </Described>
  );
}

/** Money in major units ("0.0015"), kept as exact micros; the shared formatter says it back. */
export function MoneyField(props: {
  label: string;
  pointer: string;
  micros: number | undefined;
  onChange: (micros: number | undefined) => void;
  currency: string;
  per?: string;
  required?: boolean;
  hideLabel?: boolean;
}) {
  return (
    <ParsedField
      label={props.label}
      pointer={props.pointer}
      value={props.micros}
      onChange={props.onChange}
      parse={parsePrice}
      show={plainAmount}
      wrong="Enter an amount such as 0.0015 (up to 6 decimals)."
      hint={(m) => `${unitPrice(m, props.currency)}${props.per ?? ""}`}
      {...(props.required ? { required: true } : {})}
      {...(props.hideLabel ? { hideLabel: true } : {})}
      placeholder="0.00"
    />
  );
}

const parseCount = (text: string) =>
  /^\s*\d{1,3}(,?\d{3})*\s*$|^\s*\d{1,13}\s*$/.test(text) ? Number(text.replaceAll(",", "").trim()) : undefined;
const showCount = (n: number) => String(n);

/** A whole number (units, a limit): "1,000" reads as 1000. */
export function CountField(props: {
  label: string;
  pointer: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  required?: boolean;
  placeholder?: string;
  size?: number;
  hideLabel?: boolean;
  hint?: (value: number) => ReactNode;
}) {
  return (
    <ParsedField
      label={props.label}
      pointer={props.pointer}
      value={props.value}
      onChange={props.onChange}
      parse={parseCount}
      show={showCount}
      wrong="Enter a whole number such as 1000."
      {...(props.hint === undefined ? {} : { hint: props.hint })}
      {...(props.required ? { required: true } : {})}
      {...(props.placeholder === undefined ? {} : { placeholder: props.placeholder })}
      {...(props.hideLabel ? { hideLabel: true } : {})}
      size={props.size ?? 7}
    />
  );
}

/** An optional part of a price, switched on by its box: what it sets is dropped when it is off. */
export function Optional(props: { label: string; on: boolean; onToggle: (on: boolean) => void; children: ReactNode; pointer?: string }) {
  return (
    <div className="optional">
      <label className="check">
        <input type="checkbox" checked={props.on} onChange={(e) => props.onToggle(e.target.checked)} />
        {props.label}
      </label>
      {props.on && <div className="fields">{props.children}</div>}
      {props.pointer !== undefined && <PointerErrors pointer={props.pointer} />}
    </div>
  );
}
