import type { Page } from "@tollgate/sdk";

/**
 * Every page of a list, from the first to the one without a next cursor: the pages' items in order. Fails
 * rather than loop if a cursor comes back twice.
 */
export async function walkPages<T>(page: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[][]> {
  const pages: T[][] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const answer = await page(cursor);
    pages.push(answer.items);
    cursor = answer.nextCursor;
    if (cursor !== undefined && seen.has(cursor)) throw new Error(`cursor ${cursor} returned twice`);
    if (cursor !== undefined) seen.add(cursor);
  } while (cursor !== undefined);
  return pages;
}
