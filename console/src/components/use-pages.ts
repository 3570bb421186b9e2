/** A list read page by page with the ledger's bookmarks ("load more"). */
import { useState } from 'preact/hooks';
import type { Page } from '../records';

/** The rows read so far and how to read the next page. */
export interface PagedList<T> {
  readonly items: readonly T[] | undefined;
  /** True while there may be more (the last page was full and had a bookmark). */
  readonly more: boolean;
  readonly busy: boolean;
  readonly error: unknown;
  /** Reads the first page again (drops what was read). */
  first(): Promise<void>;
  /** Reads the next page and appends it. */
  next(): Promise<void>;
}

/** Reads `fetchPage(bookmark)` pages of `pageSize`. */
export function usePages<T>(
  pageSize: number,
  fetchPage: (bookmark: string) => Promise<Page<T>>,
): PagedList<T> {
  const [items, setItems] = useState<readonly T[] | undefined>(undefined);
  const [bookmark, setBookmark] = useState('');
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const read = async (from: string, before: readonly T[]): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const page = await fetchPage(from);
      setItems([...before, ...page.items]);
      setBookmark(page.bookmark);
      setMore(page.bookmark !== '' && page.items.length >= pageSize);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return {
    items,
    more,
    busy,
    error,
    first: () => read('', []),
    next: () => read(bookmark, items ?? []),
  };
}
