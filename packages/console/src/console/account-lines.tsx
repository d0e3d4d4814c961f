import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Account, Line } from "@tollgate/sdk";
import { useState, type FormEvent } from "react";
import { Link } from "wouter";
import { LineFigures, LineLimitForm, LinesTable } from "../shared/lines.js";
import { money, parseAmount } from "../shared/money.js";
import { Empty, Loading, ProblemText, Section } from "../shared/ui.js";
import { admin } from "./client.js";
import { Confirm, Done, Field, FormProblem, InputError, fieldProblems } from "./forms.js";
import { useMay } from "./role.js";

/*
 * Hierarchies on the account page (docs/concepts/hierarchies.md): a payer's lines, each with its limit, spent
 * this month and what is left, a link to its page, its limit set and its taking out (owners, admins); a new
 * line; and on a line's own page, whose line it is and its limit.
 */

/** Lines of a payer, read again every 5 s: their spend moves while calls are made. */
const linesQuery = (payerId: string) => ({
  queryKey: ["lines", payerId],
  queryFn: () => admin.listLines(payerId),
  refetchInterval: 5_000,
});

/** A payer's lines: the table, each line's limit and taking out (owners, admins), and "Create a line". */
export function AccountLines({ account }: { account: Account }) {
  const qc = useQueryClient();
  const mayManage = useMay("manage");
  const lines = useQuery(linesQuery(account.id));
  const changed = () => void qc.invalidateQueries({ queryKey: ["lines", account.id] });
  return (
    <Section title="Lines" id="account-lines">
      <p>
        Accounts whose calls {account.name}&apos;s wallet pays for, each within its own monthly limit (none: it may spend all the wallet
        holds). A line has no wallet of its own.
      </p>
      <ProblemText error={lines.error} />
      {lines.isPending && <Loading />}
      {lines.data?.items.length === 0 && (
        <Empty>{mayManage ? "No lines: create one below, and its calls spend from this account's wallet." : "No lines."}</Empty>
      )}
      {lines.data !== undefined && lines.data.items.length > 0 && (
        <LinesTable
          label={`Lines of ${account.name}`}
          lines={lines.data.items}
          name={(l) => <Link href={`/accounts/${l.accountId}`}>{l.name}</Link>}
          {...(mayManage
            ? {
                action: {
                  header: "Limit",
                  cell: (l: Line) => (
                    <>
                      <LineLimitForm
                        line={l}
                        payer={`${account.name}'s wallet`}
                        set={(limit) => admin.setLineLimit(account.id, l.accountId, limit)}
                        onSet={changed}
                      />
                      <TakeOut payer={account} line={l} onDone={changed} />
                    </>
                  ),
                },
              }
            : {})}
        />
      )}
      {mayManage && <CreateLine payer={account} onCreated={changed} />}
    </Section>
  );
}

/** Take a line out, asked first: from its next call it pays from a wallet of its own. */
function TakeOut({ payer, line, onDone }: { payer: Account; line: Line; onDone: () => void }) {
  const qc = useQueryClient();
  const out = useMutation({
    mutationFn: () => admin.detachLine(payer.id, line.accountId),
    onSuccess: () => {
      onDone();
      void qc.invalidateQueries({ queryKey: ["account", line.accountId] });
    },
  });
  return (
    <div className="actions">
      <Confirm
        label="Take out"
        name={`Take out ${line.name}`}
        question={`Take ${line.name} out of ${payer.name}'s lines? From its next call it pays from a wallet of its own (opened empty if it has none); what it was charged stays on ${payer.name}'s wallet.`}
        confirm="Take the line out"
        disabled={out.isPending}
        onConfirm={() => out.mutate()}
      />
      <ProblemText error={out.error} />
    </div>
  );
}

const FIELDS = { "/name": "Name", "/planId": "Plan", "/limit": "Monthly limit" };

/** A new line of the payer: its name, a plan with no recurring fee (the payer's when none is chosen), a limit if any. */
function CreateLine({ payer, onCreated }: { payer: Account; onCreated: () => void }) {
  const plans = useQuery({ queryKey: ["plans"], queryFn: () => admin.listPlans() });
  const [name, setName] = useState("");
  const [planId, setPlanId] = useState("");
  const [limit, setLimit] = useState("");
  const currency = payer.wallets[0]?.currency ?? "USD";
  const create = useMutation({
    mutationFn: () => {
      if (name.trim() === "") throw new InputError("/name", "Enter the line's name.");
      const micros = limit.trim() === "" ? undefined : parseAmount(limit);
      if (micros === 0 || (limit.trim() !== "" && micros === undefined))
        throw new InputError("/limit", "Enter a limit of at least 0.01, such as 25 or 12.50, or leave it empty for none.");
      return admin.createLine(payer.id, {
        name: name.trim(),
        ...(planId !== "" && { planId }),
        ...(micros !== undefined && { limit: micros }),
      });
    },
    onSuccess: () => {
      setName("");
      setLimit("");
      onCreated();
    },
  });
  const problems = fieldProblems(create.error, FIELDS);
  return (
    <>
      <h3>Create a line</h3>
      <form
        aria-label="Create a line"
        className="grid-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Field label={FIELDS["/name"]} problem={problems.at("/name")}>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </Field>
        <Field label={FIELDS["/planId"]} problem={problems.at("/planId")} hint="A plan with no recurring fee: its payer pays its usage.">
          <select value={planId} onChange={(e) => setPlanId(e.target.value)}>
            <option value="">{payer.name}&apos;s plan</option>
            {plans.data?.items
              .filter((p) => p.recurring === undefined && p.id !== payer.planId)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.currency})
                </option>
              ))}
          </select>
        </Field>
        <Field label={`${FIELDS["/limit"]} (${currency})`} problem={problems.at("/limit")} hint="Empty: no limit.">
          <input inputMode="decimal" value={limit} onChange={(e) => setLimit(e.target.value)} />
        </Field>
        <div className="actions">
          <button className="primary" type="submit" disabled={create.isPending}>
            Create line
          </button>
        </div>
      </form>
      <FormProblem error={create.error} shown={problems.shown} />
      <ProblemText error={plans.error} />
      <Done>
        {create.data && (
          <>
            Line {create.data.name} created
            {create.data.limit === null ? ", with no limit" : `, with a limit of ${money(create.data.limit, create.data.currency)} a month`}
            : <Link href={`/accounts/${create.data.accountId}`}>open {create.data.name}</Link>.
          </>
        )}
      </Done>
    </>
  );
}

/** A line's own page: whose line it is (a link to the payer), its limit, spent and left; owners and admins set the limit. */
export function LineOf({ account, payerId }: { account: Account; payerId: string }) {
  const qc = useQueryClient();
  const mayManage = useMay("manage");
  const line = useQuery({ queryKey: ["line", account.id], queryFn: () => admin.getLine(account.id), refetchInterval: 5_000 });
  const payer = useQuery({ queryKey: ["account", payerId], queryFn: () => admin.getAccount(payerId) });
  const payerName = payer.data?.name ?? payerId;
  return (
    <Section title="Line" id="account-line">
      <p data-testid="line-of">
        A line of <Link href={`/accounts/${payerId}`}>{payerName}</Link>: its calls spend from {payerName}&apos;s wallet, within its monthly
        limit. It has no wallet of its own while it is a line.
      </p>
      <ProblemText error={line.error ?? payer.error} />
      {line.data !== undefined && (
        <>
          <LineFigures line={line.data} />
          {mayManage && (
            <LineLimitForm
              line={line.data}
              payer={`${payerName}'s wallet`}
              set={(limit) => admin.setLineLimit(payerId, account.id, limit)}
              onSet={() => {
                void qc.invalidateQueries({ queryKey: ["line", account.id] });
                void qc.invalidateQueries({ queryKey: ["lines", payerId] });
              }}
            />
          )}
        </>
      )}
    </Section>
  );
}
