import { useMutation, useQueryClient } from "@tanstack/react-query";
import { newIdempotencyKey, type Account } from "@tollgate/sdk";
import { useState } from "react";
import { money, parseAmount } from "../shared/money.js";
import { admin } from "./client.js";
import { Confirm, Done, Field, FormProblem, InputError, fieldProblems } from "./forms.js";
import { useMay } from "./role.js";

const FIELDS = { "/amount": "Amount", "/reason": "Reason" };

/**
 * Credit or adjust the wallet (owners, admins, finance), suspend or resume the account (owners, admins,
 * support): each asked first, in the page, and said when done. One Idempotency-Key per attempt: asking again
 * after a failure that left it unknown repeats the same movement, never a second one.
 */
export function AccountActions({ account }: { account: Account }) {
  const qc = useQueryClient();
  // A line has no wallet while it is one (its payer's pays): nothing to credit or adjust.
  const mayMoveMoney = useMay("money") && account.wallets.length > 0;
  const maySupport = useMay("support");
  const [reason, setReason] = useState("");
  const [amount, setAmount] = useState("");
  const [attempt, setAttempt] = useState(newIdempotencyKey);
  const wallet = account.wallets[0];
  const currency = wallet?.currency ?? "USD";
  const typed = () => {
    const micros = parseAmount(amount.replace("-", ""));
    if (micros === undefined || micros === 0)
      throw new InputError("/amount", "Enter an amount such as 25 or 12.50 (−5 to take money back).");
    return amount.trim().startsWith("-") ? -micros : micros;
  };
  const move = useMutation({
    mutationFn: (kind: "credit" | "adjust") => {
      const micros = typed();
      if (wallet === undefined) throw new Error("The account has no wallet.");
      if (kind === "credit" && micros < 0) throw new InputError("/amount", "A credit adds money: use Adjust to take money back.");
      if (kind === "adjust" && reason.trim() === "") throw new InputError("/reason", "Say why: an adjustment needs a reason.");
      return kind === "credit"
        ? admin.creditWallet(
            wallet.id,
            { amount: micros, ...(reason.trim() ? { reason: reason.trim() } : {}) },
            { idempotencyKey: attempt },
          )
        : admin.adjustWallet(wallet.id, { amount: micros, reason: reason.trim() }, { idempotencyKey: attempt });
    },
    onSuccess: () => {
      setAttempt(newIdempotencyKey());
      setAmount("");
      setReason("");
      void qc.invalidateQueries({ queryKey: ["balance", account.id] });
      void qc.invalidateQueries({ queryKey: ["ledger", account.id] });
    },
  });
  const status = useMutation({
    mutationFn: (to: "suspend" | "resume") => {
      if (reason.trim() === "")
        throw new InputError("/reason", `Say why: ${to === "suspend" ? "a suspension" : "resuming"} needs a reason.`);
      return to === "suspend" ? admin.suspendAccount(account.id, reason.trim()) : admin.resumeAccount(account.id, reason.trim());
    },
    onSuccess: (next) => {
      setReason("");
      qc.setQueryData(["account", account.id], next);
    },
  });
  const error = move.error ?? status.error;
  const problems = fieldProblems(error, FIELDS);
  if (!mayMoveMoney && !maySupport) return null;
  const shown = (() => {
    try {
      return money(typed(), currency);
    } catch {
      return "an amount";
    }
  })();
  const suspended = account.status === "suspended";
  return (
    <>
      <form onSubmit={(e) => e.preventDefault()} aria-label={mayMoveMoney ? "Credit, adjust, suspend" : "Suspend or resume"}>
        {mayMoveMoney && (
          <Field label="Amount" problem={problems.at("/amount")} hint={currency}>
            <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" />
          </Field>
        )}
        <Field label="Reason" problem={problems.at("/reason")}>
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
        </Field>
        {mayMoveMoney && (
          <>
            <Confirm
              label="Credit"
              question={`Credit ${shown} to ${account.name}'s wallet?`}
              confirm={`Credit ${shown}`}
              danger={false}
              onConfirm={() => move.mutate("credit")}
            />
            <Confirm
              label="Adjust"
              question={`Adjust ${account.name}'s wallet by ${shown}?`}
              confirm={`Adjust by ${shown}`}
              danger={false}
              onConfirm={() => move.mutate("adjust")}
            />
          </>
        )}
        {maySupport && (
          <Confirm
            label={suspended ? "Resume" : "Suspend"}
            question={
              suspended
                ? `Resume ${account.name}? Its keys work again at once.`
                : `Suspend ${account.name}? Every call with its keys is refused until it is resumed.`
            }
            confirm={suspended ? `Resume ${account.name}` : `Suspend ${account.name}`}
            danger={!suspended}
            onConfirm={() => status.mutate(suspended ? "resume" : "suspend")}
          />
        )}
      </form>
      <FormProblem error={error} shown={problems.shown} />
      <Done>
        {move.data &&
          `${move.variables === "credit" ? "Credited" : "Adjusted by"} ${money(move.data.amount, move.data.currency)}: the balance shows it.`}
        {status.data && (status.data.status === "suspended" ? `${account.name} is suspended.` : `${account.name} is active again.`)}
      </Done>
    </>
  );
}
