/**
 * Paginated reads. A page asks the peer for one entry more than it returns:
 * that extra entry's key is the next bookmark, so an empty bookmark always
 * means "done" whatever the state database. Bookmarks are opaque to clients
 * (base64url of the next key) and are checked to lie inside the queried
 * range, so a crafted bookmark cannot page into another unit's records.
 */
import { LIMITS } from '@idcard/common';
import { ValidationError } from '../errors';
import type { LedgerIterator, LedgerStub, PagedQuery, StateEntry } from './ledger-stub';

/** One page of raw entries. */
export interface EntryPage {
  readonly entries: readonly StateEntry[];
  readonly bookmark: string;
}

/** A key range [start, end) and the page to read from it. */
export interface RangeRequest {
  readonly start: string;
  readonly end: string;
  readonly pageSize: number;
  readonly bookmark: string;
}

/** A partial composite key and the page to read under it. */
export interface PartialKeyRequest {
  readonly objectType: string;
  readonly attributes: string[];
  readonly pageSize: number;
  readonly bookmark: string;
}

const BOOKMARK_PATTERN = /^[A-Za-z0-9_-]{1,2048}$/;

/** The opaque bookmark of a key. */
export function encodeBookmark(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

/**
 * The key a bookmark stands for, checked to lie in [start, end).
 * @throws ValidationError for a malformed or foreign bookmark.
 */
export function decodeBookmark(bookmark: string, start: string, end: string): string {
  if (!BOOKMARK_PATTERN.test(bookmark)) throw new ValidationError('bookmark is malformed');
  const key = Buffer.from(bookmark, 'base64url').toString('utf8');
  if (key < start || key >= end) throw new ValidationError('bookmark does not belong to this query');
  return key;
}

async function drain(iterator: LedgerIterator<StateEntry>, limit: number): Promise<StateEntry[]> {
  const entries: StateEntry[] = [];
  try {
    while (entries.length < limit) {
      const next = await iterator.next();
      if (next.done) break;
      entries.push({ key: next.value.key, value: next.value.value });
    }
  } finally {
    await iterator.close();
  }
  return entries;
}

/** The first `pageSize` entries, and the bookmark of the one after them when there is one. */
function pageOf(entries: readonly StateEntry[], pageSize: number): EntryPage {
  const extra = entries[pageSize];
  return {
    entries: entries.slice(0, pageSize),
    bookmark: extra === undefined ? '' : encodeBookmark(extra.key),
  };
}

async function page(query: Promise<PagedQuery>, pageSize: number): Promise<EntryPage> {
  const { iterator } = await query;
  return pageOf(await drain(iterator, pageSize + 1), pageSize);
}

/** The bounds [start, end) of a partial composite key, as the shim computes them. */
export function partialKeyRange(stub: LedgerStub, objectType: string, attributes: string[]) {
  const start = stub.createCompositeKey(objectType, attributes);
  return { start, end: `${start}\u{10ffff}` };
}

/** The key a page under a partial key resumes at: `first` for the first page, else the bookmark's. */
function resumeKey(stub: LedgerStub, request: PartialKeyRequest, first: 'start' | 'none'): string {
  const { start, end } = partialKeyRange(stub, request.objectType, request.attributes);
  if (request.bookmark === '') return first === 'start' ? start : '';
  return decodeBookmark(request.bookmark, start, end);
}

/** A page of the keys under a partial composite key. */
export async function pageByPartialKey(stub: LedgerStub, request: PartialKeyRequest): Promise<EntryPage> {
  const { objectType, attributes, pageSize } = request;
  const from = resumeKey(stub, request, 'none');
  const fetch = Math.min(pageSize, LIMITS.maxPageSize) + 1;
  return page(
    stub.getStateByPartialCompositeKeyWithPagination(objectType, attributes, fetch, from),
    pageSize,
  );
}

/** A page of the simple keys in [start, end). */
export async function pageByRange(stub: LedgerStub, request: RangeRequest): Promise<EntryPage> {
  const { start, end, pageSize } = request;
  const from = request.bookmark === '' ? start : decodeBookmark(request.bookmark, start, end);
  const fetch = Math.min(pageSize, LIMITS.maxPageSize) + 1;
  return page(stub.getStateByRangeWithPagination(from, end, fetch, ''), pageSize);
}

/**
 * A page under a partial composite key for a transaction that also writes:
 * Fabric refuses paginated queries there, so the plain iterator is read,
 * entries before the bookmark skipped, one more than the page taken. The
 * bookmarks are those of pageByPartialKey, so either can continue the other.
 */
export async function scanPageByPartialKey(stub: LedgerStub, request: PartialKeyRequest): Promise<EntryPage> {
  const { objectType, attributes, pageSize } = request;
  const from = resumeKey(stub, request, 'start');
  const iterator = await stub.getStateByPartialCompositeKey(objectType, attributes);
  const entries: StateEntry[] = [];
  try {
    while (entries.length <= pageSize) {
      const next = await iterator.next();
      if (next.done) break;
      if (next.value.key >= from) entries.push({ key: next.value.key, value: next.value.value });
    }
  } finally {
    await iterator.close();
  }
  return pageOf(entries, pageSize);
}

/** Every entry under a partial composite key (for small, bounded sets such as a person's cards). */
export async function readAllByPartialKey(
  stub: LedgerStub,
  objectType: string,
  attributes: string[],
): Promise<StateEntry[]> {
  const iterator = await stub.getStateByPartialCompositeKey(objectType, attributes);
  return drain(iterator, Number.MAX_SAFE_INTEGER);
}
