import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Page } from "@tollgate/sdk";
import { useState } from "react";

/** One list of the API read a page at a time, by its cursors: what `Pager` shows and moves. */
export interface Pages<T> {
  /** The page shown; undefined until the first answer. */
  items: T[] | undefined;
  error: unknown;
  /** 1 for the newest page. */
  number: number;
  /** Go to the older page; undefined on the last one. */
  older: (() => void) | undefined;
  /** Go back to the newer page; undefined on the first one. */
  newer: (() => void) | undefined;
}

/**
 * A list the API pages by cursor (newest first): the cursors of the pages already seen are kept, so that
 * "Newer" goes back the way "Older" came. A change of `key` (a new filter) starts again from the newest page.
 * Only the newest page is read again every `refetchInterval`: an older one stays still while it is read.
 */
export function usePages<P extends Page<unknown>>(
  key: readonly unknown[],
  read: (cursor: string | undefined) => Promise<P>,
  /** `refetchInterval` may depend on the page last read (a list polled only while one of its items waits). */
  options: { refetchInterval?: number | false | ((page: P | undefined) => number | false); enabled?: boolean } = {},
): Pages<P["items"][number]> & {
  /** The page shown as the API answered it, with what a list gives beside its items (the transactions' usageDays). */
  answer: P | undefined;
} {
  const list = JSON.stringify(key);
  const [seen, setSeen] = useState<{ list: string; cursors: (string | undefined)[] }>({ list, cursors: [undefined] });
  const cursors = seen.list === list ? seen.cursors : [undefined];
  if (seen.list !== list) setSeen({ list, cursors });
  const cursor = cursors[cursors.length - 1];
  const page = useQuery({
    queryKey: [...key, { cursor: cursor ?? null }],
    queryFn: () => read(cursor),
    // The page shown stays until the next one arrives: the table keeps its height, nothing jumps.
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    ...(cursors.length === 1 && options.refetchInterval !== undefined
      ? {
          refetchInterval:
            typeof options.refetchInterval === "function"
              ? (query: { state: { data: P | undefined } }) =>
                  (options.refetchInterval as (page: P | undefined) => number | false)(query.state.data)
              : options.refetchInterval,
        }
      : {}),
  });
  const next = page.isPlaceholderData ? undefined : page.data?.nextCursor;
  return {
    answer: page.data,
    items: page.data?.items,
    error: page.error,
    number: cursors.length,
    older: next === undefined ? undefined : () => setSeen({ list, cursors: [...cursors, next] }),
    newer: cursors.length > 1 ? () => setSeen({ list, cursors: cursors.slice(0, -1) }) : undefined,
  };
}

/** A page's query: `limit` items after `cursor` (the first page without one). */
export function pageQuery(cursor: string | undefined, limit: number): { limit: number; cursor?: string } {
  return { limit, ...(cursor === undefined ? {} : { cursor }) };
}
