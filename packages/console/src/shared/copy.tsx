import { useState, type ReactNode } from "react";

/**
 * A secret or a link to hand on: in a field anyone can select (the fallback when the clipboard is refused, as
 * on a page over plain http), and a button that copies it.
 */
export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | undefined>();
  return (
    <div className="copy">
      <label>
        {label}
        <input readOnly value={value} data-testid={testId} onFocus={(e) => e.target.select()} />
      </label>
      <button
        type="button"
        onClick={() => {
          // No clipboard at all (a page over plain http): the field above is the way.
          if (navigator.clipboard === undefined) return setCopied("no");
          navigator.clipboard.writeText(value).then(
            () => setCopied("yes"),
            () => setCopied("no"),
          );
        }}
      >
        Copy {label.toLowerCase()}
      </button>
      <span role="status" className={copied === "no" ? "problem" : "ok"}>
        {copied === "yes"
          ? "Copied to the clipboard."
          : copied === "no"
            ? "The browser refused the clipboard: select the text above and copy it."
            : ""}
      </span>
    </div>
  );
}

/**
 * A secret shown this once (a new API key, a staff token): copied from here or never again, since Tollgate keeps
 * only its hash. `children` says what was made ("Key ci created.").
 */
export function ShownOnce({ label, value, testId, children }: { label: string; value: string; testId?: string; children?: ReactNode }) {
  return (
    <div className="callout" role="status">
      <p>
        {children} <strong>Copy it now:</strong> it is shown this once; Tollgate keeps only its hash.
      </p>
      <CopyField label={label} value={value} {...(testId === undefined ? {} : { testId })} />
    </div>
  );
}
