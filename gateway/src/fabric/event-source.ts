/**
 * Chaincode events as LedgerEvents with stable positions. An event's
 * position is its block number and its index among the chaincode's events
 * in that block (blocks are immutable, so the index is the same on every
 * replay). Resuming after a position reopens the stream at that block and
 * skips what was already delivered, so nothing is missed or repeated.
 */
import { formatEventId, isAfter, type EventsOptions, type LedgerEvent } from '../ledger/ledger-client';
import { LedgerProtocolError } from '../ledger/ledger-errors';
import { mapLedgerError } from './error-mapping';

/** A chaincode event as the peer delivers it. */
export interface RawChaincodeEvent {
  readonly blockNumber: bigint;
  readonly transactionId: string;
  readonly eventName: string;
  readonly payload: Uint8Array;
}

/** A stream of raw events that can be closed. */
export interface RawEventStream extends AsyncIterable<RawChaincodeEvent> {
  close(): void;
}

/** Opens the peer's chaincode event stream at a block (undefined: the next block). */
export type RawEventOpener = (startBlock: bigint | undefined) => Promise<RawEventStream>;

function parsePayload(raw: RawChaincodeEvent): Readonly<Record<string, unknown>> {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw.payload).toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new LedgerProtocolError(`event ${raw.eventName} has no JSON object payload`, {
    transactionId: raw.transactionId,
  });
}

/**
 * Events strictly after `options.after` (or from the next block), until the
 * signal aborts.
 * @throws LedgerError when the stream fails (not when it is aborted)
 */
export async function* positionedEvents(
  open: RawEventOpener,
  options: EventsOptions,
): AsyncGenerator<LedgerEvent> {
  const { after, signal } = options;
  if (signal.aborted) return;
  let stream: RawEventStream;
  try {
    stream = await open(after === undefined ? undefined : BigInt(after.blockNumber));
  } catch (err) {
    throw mapLedgerError(err);
  }
  const onAbort = () => {
    stream.close();
  };
  const aborted = () => signal.aborted;
  signal.addEventListener('abort', onAbort, { once: true });
  let block = -1n;
  let index = -1;
  try {
    for await (const raw of stream) {
      if (raw.blockNumber !== block) {
        block = raw.blockNumber;
        index = 0;
      } else {
        index += 1;
      }
      const position = { blockNumber: Number(block), txIndex: index };
      if (after !== undefined && !isAfter(position, after)) continue;
      yield {
        id: formatEventId(position),
        position,
        txId: raw.transactionId,
        name: raw.eventName,
        payload: parsePayload(raw),
      };
      if (aborted()) return;
    }
  } catch (err) {
    if (!aborted()) throw mapLedgerError(err);
  } finally {
    signal.removeEventListener('abort', onAbort);
    stream.close();
  }
}
