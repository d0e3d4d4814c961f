import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * An action that moves money or access, asked twice: the first click asks the question in the page (never
 * window.confirm), the second takes it; "Keep it" steps back. The question is focused, so a keyboard and a
 * screen reader land on it.
 */
export function Confirm(props: {
  /** The button that starts it ("Void"). */
  label: string;
  /** Its accessible name when the label alone is ambiguous in a table ("Refund the $10.00 top-up"). */
  name?: string;
  /** What will happen, as a question. */
  question: ReactNode;
  /** The button that takes it ("Void the invoice"). */
  confirm: string;
  onConfirm: () => void;
  /** When the question opens: what one attempt needs (a new Idempotency-Key, so that a double click acts once). */
  onAsk?: () => void;
  disabled?: boolean;
  danger?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <button
        type="button"
        aria-label={props.name}
        disabled={props.disabled}
        onClick={() => {
          setAsking(true);
          props.onAsk?.();
        }}
      >
        {props.label}
      </button>
    );
  return (
    <div role="group" aria-label={props.name ?? props.label} className="ask">
      <p>{props.question}</p>
      <button
        ref={yes}
        type="button"
        className={props.danger === false ? "primary" : "danger"}
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        {props.confirm}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Keep it
      </button>
    </div>
  );
}
