import { stringify } from "csv-stringify";
import { Readable } from "node:stream";
import type { Reply } from "./reply.js";

/**
 * A report's rows as a streamed CSV download (RFC 4180, header line first). Values are written as the JSON
 * answer holds them: integers in micros, instants in ISO 8601 UTC, so both forms give the same numbers.
 */
export function csvReply(filename: string, columns: string[], rows: Iterable<Record<string, unknown>>): Reply {
  const body = Readable.from(rows).pipe(
    stringify({
      header: true,
      columns,
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
