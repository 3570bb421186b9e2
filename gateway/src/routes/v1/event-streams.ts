/**
 * Open Server-Sent-Event streams (issue 14): capped per caller and in all,
 * each tied to the API key and unit that opened it, so revoking the key or
 * suspending the unit ends it, and shutdown ends them all (they would
 * otherwise keep the server from closing).
 */
import { ProblemError } from '../../problems';

/** Why the gateway ended a stream. */
export type StreamEnd = 'shutdown' | 'key-revoked' | 'unit-suspended';

/** Who opened a stream. */
export interface StreamOwner {
  readonly callerId: string;
  /** The API key used (undefined only for callers built without one, in tests). */
  readonly keyId: string | undefined;
  readonly unit: string | undefined;
}

/** One open stream. */
export interface OpenStream {
  /** Aborted when the gateway ends the stream. */
  readonly signal: AbortSignal;
  /** Why the gateway ended it, once it did. */
  readonly endedBy: StreamEnd | undefined;
  /** Unregisters the stream (call once it has ended, for whatever reason). */
  done(): void;
}

/** Caps on open streams. */
export interface StreamLimits {
  readonly maxStreamsPerCaller: number;
  readonly maxStreams: number;
}

/** The set of open streams. */
export interface EventStreams {
  /**
   * Registers a stream.
   * @throws ProblemError rate-limited when the caller has its maximum open; ledger-unavailable when the gateway has
   */
  open(owner: StreamOwner): OpenStream;
  /** Ends every stream opened with the key; returns how many. */
  endKey(keyId: string): number;
  /** Ends every stream of the unit; returns how many. */
  endUnit(unitId: string): number;
  /** Ends every open stream (shutdown). */
  closeAll(): void;
  /** Number of open streams. */
  readonly size: number;
}

interface Entry {
  readonly owner: StreamOwner;
  readonly controller: AbortController;
  endedBy: StreamEnd | undefined;
}

/** Creates an empty set with the given caps. */
export function createEventStreams(
  limits: StreamLimits = { maxStreamsPerCaller: 4, maxStreams: 200 },
): EventStreams {
  const open = new Set<Entry>();
  const end = (match: (owner: StreamOwner) => boolean, reason: StreamEnd): number => {
    let ended = 0;
    for (const entry of open) {
      if (!match(entry.owner)) continue;
      entry.endedBy = reason;
      entry.controller.abort();
      open.delete(entry);
      ended += 1;
    }
    return ended;
  };
  return {
    open(owner) {
      const mine = [...open].filter((e) => e.owner.callerId === owner.callerId).length;
      if (mine >= limits.maxStreamsPerCaller) {
        throw new ProblemError(
          'rate-limited',
          `At most ${String(limits.maxStreamsPerCaller)} open event streams per caller; close one first`,
          { retryAfterSeconds: 5 },
        );
      }
      if (open.size >= limits.maxStreams) {
        throw new ProblemError(
          'ledger-unavailable',
          'The gateway has as many event streams open as it serves',
          {
            retryAfterSeconds: 5,
          },
        );
      }
      const entry: Entry = { owner, controller: new AbortController(), endedBy: undefined };
      open.add(entry);
      return {
        signal: entry.controller.signal,
        get endedBy() {
          return entry.endedBy;
        },
        done: () => open.delete(entry),
      };
    },
    endKey: (keyId) => end((owner) => owner.keyId === keyId, 'key-revoked'),
    endUnit: (unitId) => end((owner) => owner.unit === unitId, 'unit-suspended'),
    closeAll() {
      end(() => true, 'shutdown');
    },
    get size() {
      return open.size;
    },
  };
}
