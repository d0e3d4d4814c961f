import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Account, CreditCheck, CreditRequest, CreditRule } from "@tollgate/sdk";
import { useState, type FormEvent } from "react";
import { Link } from "wouter";
import { money, parseAmount, plainAmount, when } from "../shared/money.js";
import { pageQuery, usePages } from "../shared/paging.js";
import { Empty, Loading, Pager, ProblemText, Section } from "../shared/ui.js";
import { admin } from "./client.js";
import { Confirm } from "../shared/confirm.js";
import { Done, Field, FormProblem, InputError, fieldProblems } from "./forms.js";
import { useMay } from "./role.js";

/** Why a credit request waits, in words. */
const HOLDS: Record<CreditRequest["holds"][number], string> = {
  above_auto_limit: "the limit is above what the credit rule gives at once",
  finance_approval: "the credit rule asks the finance role to approve every grant of credit",
};

/** One check of the rule, in words: "1 invoice paid on time (has 0)". */
export function checkInWords(c: CreditCheck, currency = "USD"): string {
  switch (c.check) {
    case "paid_on_time":
      return `at least ${c.required} invoices paid by their due date (has ${c.actual})`;
    case "overdue":
      return `at most ${c.required} overdue invoices (has ${c.actual})`;
    case "prepaid_days":
      return `at least ${c.required} days since the first top-up (${c.actual})`;
    case "topped_up":
      return `at least ${money(c.required, currency)} topped up (${money(c.actual, currency)})`;
  }
}

const asked = (r: CreditRequest) => `${r.billingMode}, credit limit ${money(r.creditLimit, r.currency)}`;

/** The credit section of the console: the deployment's rule, and the requests waiting for a second staff member. */
export function CreditPage() {
  return (
    <>
      <CreditRequests />
      <CreditRuleForm />
    </>
  );
}

/** Pending requests first, then every request newest first, each a page at a time; money roles approve or reject (never their own: the API refuses it). */
function CreditRequests() {
  const qc = useQueryClient();
  const mayDecide = useMay("money");
  // The newest page of each list is read again every 10 s: a request made or decided by someone else shows.
  const pending = usePages(
    ["credit-requests", "pending"],
    (cursor) => admin.listCreditRequests({ status: "pending", ...pageQuery(cursor, 20) }),
    {
      refetchInterval: 10_000,
    },
  );
  const history = usePages(["credit-requests", "all"], (cursor) => admin.listCreditRequests(pageQuery(cursor, 20)), {
    refetchInterval: 10_000,
  });
  const decide = useMutation({
    mutationFn: ({ id, approve }: { id: string; approve: boolean }) =>
      approve ? admin.approveCreditRequest(id) : admin.rejectCreditRequest(id),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ["credit-requests"] });
      void qc.invalidateQueries({ queryKey: ["account", r.accountId] });
    },
  });
  return (
    <Section title="Credit requests" id="credit-requests">
      <p>A grant of credit past what the rule gives at once waits here for a second staff member: never the one who asked.</p>
      <ProblemText error={pending.error ?? history.error} />
      {pending.items === undefined && <Loading />}
      {pending.items?.length === 0 && <Empty>No credit request is waiting.</Empty>}
      {pending.items !== undefined && pending.items.length > 0 && (
        <table aria-label="Pending credit requests" className="stack">
          <thead>
            <tr>
              <th scope="col">Asked</th>
              <th scope="col">Account</th>
              <th scope="col">For</th>
              <th scope="col">Waits because</th>
              <th scope="col">Asked by</th>
              {mayDecide && <th scope="col">Decide</th>}
            </tr>
          </thead>
          <tbody>
            {pending.items.map((r) => (
              <tr key={r.id}>
                <td data-label="Asked">{when(r.createdAt)}</td>
                <td data-label="Account">
                  <Link href={`/accounts/${r.accountId}`}>{r.accountId}</Link>
                </td>
                <td data-label="For">
                  {asked(r)} (now {r.from.billingMode}, {money(r.from.creditLimit, r.currency)})
                </td>
                <td data-label="Waits because">
                  {r.holds.map((h) => HOLDS[h]).join("; ")}; decided by {r.approverRoles.join(" or ")}
                </td>
                <td data-label="Asked by">{r.requestedBy}</td>
                {mayDecide && (
                  <td data-label="Decide">
                    <Confirm
                      label="Approve"
                      name={`Approve the credit request of ${r.accountId}`}
                      question={`Give ${r.accountId} ${asked(r)} now?`}
                      confirm="Approve the credit"
                      danger={false}
                      disabled={decide.isPending}
                      onConfirm={() => decide.mutate({ id: r.id, approve: true })}
                    />{" "}
                    <Confirm
                      label="Reject"
                      name={`Reject the credit request of ${r.accountId}`}
                      question={`Reject ${asked(r)} for ${r.accountId}? The account keeps its billing.`}
                      confirm="Reject the request"
                      disabled={decide.isPending}
                      onConfirm={() => decide.mutate({ id: r.id, approve: false })}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Done>{decide.isSuccess && !decide.isPending && `Credit request ${decide.data.status}: ${asked(decide.data)}.`}</Done>
      <ProblemText error={decide.error} />
      <Pager pages={pending} what="pending credit requests" />
      {history.items !== undefined && history.items.length > 0 && (
        <>
          <h3>Every request</h3>
          <ul aria-label="Every credit request">
            {history.items.map((r) => (
              <li key={r.id}>
                {when(r.createdAt)}: {asked(r)} for <Link href={`/accounts/${r.accountId}`}>{r.accountId}</Link>, asked by {r.requestedBy}
                {r.status === "pending"
                  ? ", waiting"
                  : `, ${r.status} by ${r.decidedBy ?? "another staff member"}${r.reason ? ` (${r.reason})` : ""}`}
              </li>
            ))}
          </ul>
          <Pager pages={history} what="credit requests" />
        </>
      )}
    </Section>
  );
}

const RULE_FIELDS = {
  "/paymentHistory/paidOnTime": "Invoices paid on time",
  "/paymentHistory/overdue": "Overdue invoices at most",
  "/prepaidTenure/days": "Days since the first top-up",
  "/prepaidTenure/toppedUp": "Topped up at least",
  "/autoLimit": "Largest limit given at once",
};

const countOf = (text: string, pointer: string) => {
  const n = Number(text);
  if (text.trim() === "" || !Number.isInteger(n) || n < 0) throw new InputError(pointer, "Write a whole number, 0 or more.");
  return n;
};
const amountOf = (text: string, pointer: string) => {
  const micros = parseAmount(text);
  if (micros === undefined) throw new InputError(pointer, "Write an amount such as 500 or 250.50.");
  return micros;
};

/** The deployment's credit rule: everyone reads it, owners and admins change it. Amounts are in the plan's currency. */
function CreditRuleForm() {
  const rule = useQuery({ queryKey: ["credit-rule"], queryFn: () => admin.getCreditRule() });
  if (rule.error) return <ProblemText error={rule.error} />;
  if (rule.data === undefined) return <Loading />;
  return <RuleForm key={rule.data.updatedAt} rule={rule.data} />;
}

function RuleForm({ rule }: { rule: CreditRule }) {
  const qc = useQueryClient();
  const mayEdit = useMay("manage");
  const [history, setHistory] = useState(rule.paymentHistory !== undefined);
  const [paidOnTime, setPaidOnTime] = useState(String(rule.paymentHistory?.paidOnTime ?? 3));
  const [overdue, setOverdue] = useState(String(rule.paymentHistory?.overdue ?? 0));
  const [tenure, setTenure] = useState(rule.prepaidTenure !== undefined);
  const [days, setDays] = useState(String(rule.prepaidTenure?.days ?? 90));
  const [toppedUp, setToppedUp] = useState(rule.prepaidTenure ? plainAmount(rule.prepaidTenure.toppedUp) : "100");
  const [qualifyBy, setQualifyBy] = useState(rule.qualifyBy);
  const [finance, setFinance] = useState(rule.financeApproval);
  const [autoLimit, setAutoLimit] = useState(rule.autoLimit === undefined ? "" : plainAmount(rule.autoLimit));
  const save = useMutation({
    mutationFn: () =>
      admin.setCreditRule({
        ...(history
          ? {
              paymentHistory: {
                paidOnTime: countOf(paidOnTime, "/paymentHistory/paidOnTime"),
                overdue: countOf(overdue, "/paymentHistory/overdue"),
              },
            }
          : {}),
        ...(tenure
          ? { prepaidTenure: { days: countOf(days, "/prepaidTenure/days"), toppedUp: amountOf(toppedUp, "/prepaidTenure/toppedUp") } }
          : {}),
        qualifyBy,
        financeApproval: finance,
        ...(autoLimit.trim() === "" ? {} : { autoLimit: amountOf(autoLimit, "/autoLimit") }),
      }),
    onSuccess: (saved) => qc.setQueryData(["credit-rule"], saved),
  });
  const problems = fieldProblems(save.error, RULE_FIELDS);
  return (
    <Section title="Credit rule" id="credit-rule">
      <p>
        Before an account gets a credit limit or a postpaid or hybrid mode, it must show what this rule asks.
        {rule.saved
          ? ` Last changed ${when(rule.updatedAt)} by ${rule.updatedBy}.`
          : " Not set yet: every request for credit applies at once."}
      </p>
      <form
        aria-label="Credit rule"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <fieldset disabled={!mayEdit} className="plain">
          <legend className="sr-only">Credit rule</legend>
          <label className="check">
            <input type="checkbox" checked={history} onChange={(e) => setHistory(e.target.checked)} /> Payment history on this system
          </label>
          {history && (
            <>
              <Field label="Invoices paid on time" problem={problems.at("/paymentHistory/paidOnTime")}>
                <input inputMode="numeric" value={paidOnTime} onChange={(e) => setPaidOnTime(e.target.value)} />
              </Field>
              <Field label="Overdue invoices at most" problem={problems.at("/paymentHistory/overdue")}>
                <input inputMode="numeric" value={overdue} onChange={(e) => setOverdue(e.target.value)} />
              </Field>
            </>
          )}
          <label className="check">
            <input type="checkbox" checked={tenure} onChange={(e) => setTenure(e.target.checked)} /> Prepaid tenure
          </label>
          {tenure && (
            <>
              <Field label="Days since the first top-up" problem={problems.at("/prepaidTenure/days")}>
                <input inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
              </Field>
              <Field label="Topped up at least" problem={problems.at("/prepaidTenure/toppedUp")}>
                <input inputMode="decimal" value={toppedUp} onChange={(e) => setToppedUp(e.target.value)} />
              </Field>
            </>
          )}
          <Field label="An account qualifies by">
            <select value={qualifyBy} onChange={(e) => setQualifyBy(e.target.value as CreditRule["qualifyBy"])}>
              <option value="any">any one of these</option>
              <option value="all">all of these</option>
            </select>
          </Field>
          <label className="check">
            <input type="checkbox" checked={finance} onChange={(e) => setFinance(e.target.checked)} /> The finance role approves every grant
            of credit
          </label>
          <Field
            label="Largest limit given at once"
            problem={problems.at("/autoLimit")}
            hint="Above it, a second staff member approves. Empty: no ceiling."
          >
            <input inputMode="decimal" value={autoLimit} onChange={(e) => setAutoLimit(e.target.value)} />
          </Field>
          {mayEdit && (
            <button className="primary" type="submit" disabled={save.isPending}>
              Save the credit rule
            </button>
          )}
        </fieldset>
      </form>
      <Done>{save.isSuccess && !save.isPending && "The credit rule is saved."}</Done>
      <FormProblem error={save.error} shown={problems.shown} />
    </Section>
  );
}

/**
 * On an account's page: why its credit request waits (and who may decide it), or what it shows the rule.
 */
export function AccountCredit({ account }: { account: Account }) {
  const currency = account.wallets[0]?.currency ?? "USD";
  const pending = useQuery({
    queryKey: ["credit-requests", "pending", account.id],
    queryFn: () => admin.listCreditRequests({ status: "pending", accountId: account.id, limit: 1 }),
  });
  const standing = useQuery({ queryKey: ["credit-standing", account.id], queryFn: () => admin.getCreditStanding(account.id) });
  const waiting = pending.data?.items[0];
  return (
    <div data-testid="account-credit">
      <ProblemText error={pending.error ?? standing.error} />
      {waiting !== undefined && (
        <div className="callout" role="status">
          <p>
            <strong>Credit waiting for approval:</strong> {asked(waiting)}, asked by {waiting.requestedBy} on {when(waiting.createdAt)}. It
            waits because {waiting.holds.map((h) => HOLDS[h]).join(", and ")}; a staff member of the {waiting.approverRoles.join(" or ")}{" "}
            role, not the one who asked, decides it under <Link href="/credit">Credit</Link>.
          </p>
        </div>
      )}
      {standing.data !== undefined && standing.data.checks.length > 0 && (
        <p>
          Credit rule: {standing.data.qualifies ? "qualifies" : "does not qualify"} (
          {standing.data.checks.map((c) => `${c.met ? "✓" : "✗"} ${checkInWords(c, currency)}`).join("; ")}).
        </p>
      )}
    </div>
  );
}
