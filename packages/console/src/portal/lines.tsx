import { useQuery, useQueryClient } from "@tanstack/react-query";
import { TollgateError, type Line } from "@tollgate/sdk";
import { Link } from "wouter";
import { LineFigures, LineLimitForm, LinesTable } from "../shared/lines.js";
import { monthName } from "../shared/money.js";
import { Empty, Money, ProblemText, Section } from "../shared/ui.js";
import { client } from "./client.js";

/*
 * Hierarchies in the portal (docs/concepts/hierarchies.md). A payer sees its lines and sets their limits; a line
 * sees its own limit, spent and left, and that its payer pays: it has no wallet, so nothing to top up. A line's
 * credentials read nothing of its payer's or a sibling's (the API refuses them): what it shows is its own.
 */

/** The account as a line: its limit and spend this month, read again every 5 s (calls spend it); null when it is no line. */
export const ownLineQuery = (accountId: string) => ({
  queryKey: ["line"],
  queryFn: async (): Promise<Line | null> => {
    try {
      return await client.getLine(accountId);
    } catch (e) {
      if (e instanceof TollgateError && e.status === 404) return null;
      throw e;
    }
  },
  refetchInterval: 5_000,
});

/** The lines the account pays for, each with its spend this month, read again every 5 s. */
export const linesQuery = (accountId: string) => ({
  queryKey: ["lines"],
  queryFn: () => client.listLines(accountId),
  refetchInterval: 5_000,
});

/** In the header, in place of a balance: what the line has left this month, and that its payer pays. */
export function LineBalance({ line }: { line: Line }) {
  return (
    <div className="balance">
      {line.left === null ? "No limit" : <Money micros={line.left} currency={line.currency} />} <small>left this month</small>
      <small> · paid by your payer</small>
    </div>
  );
}

/** A line's own card on its overview: its monthly limit, what it spent, what is left. */
export function OwnLine({ line }: { line: Line }) {
  return (
    <Section title="Your line">
      <p>
        Your calls are paid from the wallet of the account that pays for this line
        {line.limit === null ? ", with no monthly limit." : `, up to your limit each month (${monthName(line.period)} now).`}
      </p>
      <LineFigures line={line} />
      {line.left === 0 && (
        <p className="problem">Your limit is reached: calls are refused until next month or until your payer raises it.</p>
      )}
    </Section>
  );
}

/** A line's Top up view: there is no balance of its own to top up, its payer pays. */
export function PaidByPayer({ line }: { line: Line }) {
  return (
    <Section title="Nothing to top up">
      <p data-testid="paid-by-payer">
        This account is a line: its calls are paid by the account that pays for it, so there is no balance to top up here. To spend more
        each month, ask them to raise your limit.
      </p>
      <LineFigures line={line} />
    </Section>
  );
}

/** The payer's Lines view: each line's limit, spent this month and what is left, and a form to change its limit. */
export function PayerLines({ accountId }: { accountId: string }) {
  const qc = useQueryClient();
  const lines = useQuery(linesQuery(accountId));
  return (
    <Section title="Your lines">
      <p>The accounts your balance pays for. Each may spend up to its monthly limit; one without a limit may spend all your balance.</p>
      <ProblemText error={lines.error} />
      {lines.data?.items.length === 0 && (
        <Empty>
          No lines: your provider adds them. <Link href="/">Back to the overview</Link>.
        </Empty>
      )}
      {lines.data !== undefined && lines.data.items.length > 0 && (
        <LinesTable
          label="Your lines"
          lines={lines.data.items}
          action={{
            header: "Change the limit",
            cell: (line) => (
              <LineLimitForm
                line={line}
                payer="your balance"
                set={(limit) => client.setLineLimit(accountId, line.accountId, limit)}
                onSet={() => void qc.invalidateQueries({ queryKey: ["lines"] })}
              />
            ),
          }}
        />
      )}
    </Section>
  );
}
