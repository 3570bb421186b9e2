/** The page a list transaction returns, from a page the ledger read. */
import type { Page } from '@idcard/common';

/** The items of a ledger page (each through `view`), its next bookmark, and the page size asked for. */
export function resultPage<S, T>(
  page: { readonly values: readonly S[]; readonly bookmark: string },
  pageSize: number,
  view: (item: S) => T,
): Page<T> {
  return { items: page.values.map(view), bookmark: page.bookmark, pageSize };
}
