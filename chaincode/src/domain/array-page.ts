/**
 * Paging through a list already in memory (a card's history, which the peer
 * cannot paginate). The bookmark is the decimal offset of the next item.
 */
import type { Page } from '@idcard/common';
import { ValidationError } from '../errors';

/**
 * One page of the items.
 * @throws ValidationError for a bookmark that is not an offset within the list.
 */
export function pageOfArray<T>(items: readonly T[], pageSize: number, bookmark: string): Page<T> {
  const offset = bookmark === '' ? 0 : Number(bookmark);
  if (bookmark !== '' && (!/^\d{1,9}$/.test(bookmark) || offset > items.length)) {
    throw new ValidationError('bookmark does not belong to this query');
  }
  const end = offset + pageSize;
  return { items: items.slice(offset, end), bookmark: end < items.length ? String(end) : '', pageSize };
}
