import { decimalAmount } from "@tollgate/money";
import { stringify } from "csv-stringify";
import { Readable } from "node:stream";
import type { Reply } from "./reply.js";

/** The columns that hold money (integer micros in the JSON) in every CSV download: the usage, recharge, financial and anomaly reports'. */
const MONEY_COLUMNS: readonly string[] = ["amount", "total", "average"];

/**
 * A report's rows as a streamed CSV download (RFC 4180, header line first). Values are written as the JSON
 * answer holds them (instants in ISO 8601 UTC), but for money: each money column is written twice, as an exact
 * decimal in major units (`amount`: 500.000000, never rounded, so a spreadsheet's sums stay exact to the micro)
 * and as the integer micros the JSON holds, beside it (`amount_micros`: 500000000).
 */
export function csvReply(filename: string, columns: string[], rows: Iterable<Record<string, unknown>>): Reply {
  const money = MONEY_COLUMNS.filter((c) => columns.includes(c));
  const header = columns.flatMap((c) => (money.includes(c) ? [c, `${c}_micros`] : [c]));
  const body = Readable.from(withMicros(rows, money)).pipe(
    stringify({
      header: true,
      columns: header,
      cast: { date: (d) => d.toISOString(), boolean: (b) => String(b) },
    }),
  );
  return {
    status: 200,
    body: undefined,
    headers: { "content-disposition": `attachment; filename="${filename}.csv"` },
    stream: { contentType: "text/csv; charset=utf-8", body },
  };
}

function* withMicros(rows: Iterable<Record<string, unknown>>, money: readonly string[]): Generator<Record<string, unknown>> {
  for (const row of rows) {
    if (money.length === 0) {
      yield row;
      continue;
    }
    const exact: Record<string, unknown> = { ...row };
    for (const column of money) {
      const micros = row[column];
      if (typeof micros !== "number") continue;
      exact[column] = decimalAmount(micros);
      exact[`${column}_micros`] = micros;
    }
    yield exact;
  }
}
