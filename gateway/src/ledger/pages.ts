/**
 * Reading a paged chaincode query to the end, and the start of the ledger's
 * time (the default `from` of time-range queries).
 */
import type { Page } from './records';

/** The earliest instant a time-range query asks from: before any transaction. */
export const LEDGER_START = '1970-01-01T00:00:00Z';

/**
 * Every item of a paged query, page by page; stops at an empty bookmark (or
 * an empty page, so a bookmark that does not advance cannot loop).
 * @throws whatever `fetchPage` throws
 */
export async function* allPages<T>(fetchPage: (bookmark: string) => Promise<Page<T>>): AsyncGenerator<T> {
  let bookmark = '';
  for (;;) {
    const page = await fetchPage(bookmark);
    yield* page.items;
    if (page.bookmark === '' || page.items.length === 0) return;
    bookmark = page.bookmark;
  }
}
