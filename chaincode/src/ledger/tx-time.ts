/**
 * Transaction time, the only clock of the chaincode: every endorser sees the
 * same proposal timestamp, whereas the local wall clock would make them disagree.
 */
import type { TxTimestamp } from './ledger-stub';

/** The timestamp as milliseconds since the epoch (nanoseconds truncated). */
export function timestampMillis(ts: TxTimestamp): number {
  return Number(ts.seconds.toString()) * 1000 + Math.floor(ts.nanos / 1_000_000);
}

/** The timestamp as a fixed-width ISO 8601 UTC instant (`...T..:..:..mmmZ`), sortable as text. */
export function txInstant(ts: TxTimestamp): string {
  return new Date(timestampMillis(ts)).toISOString();
}
