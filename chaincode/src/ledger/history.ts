/**
 * Reading a key's committed history. The iterator is always closed, and the
 * entries are returned in the order the peer gives them; callers that need
 * an order sort on a field of the value.
 */
import type { KeyModificationEntry, LedgerStub } from './ledger-stub';
import { unmarshal } from './json-marshal';

/** One committed value of a key. */
export interface HistoryEntry<T> {
  readonly txId: string;
  readonly value: T;
}

/** Every non-delete modification of a key, values unmarshalled. */
export async function readHistory<T>(stub: LedgerStub, key: string): Promise<HistoryEntry<T>[]> {
  const iterator = await stub.getHistoryForKey(key);
  const entries: HistoryEntry<T>[] = [];
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const modification: KeyModificationEntry = next.value;
      if (!modification.isDelete) {
        entries.push({ txId: modification.txId, value: unmarshal(modification.value) as T });
      }
    }
  } finally {
    await iterator.close();
  }
  return entries;
}
