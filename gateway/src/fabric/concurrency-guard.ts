/**
 * A concurrency guard with a share per caller (issue 14): at most
 * `maxConcurrent` ledger calls in flight, and at most `perCallerConcurrent`
 * of them from one caller, so one unit cannot take every slot. Calls beyond
 * either wait; a freed slot goes to the callers in turn (round robin over
 * the callers with waiting calls, FIFO within a caller), so a caller with a
 * long queue does not starve one with a single call. Beyond `maxQueued`
 * waiting calls in all the guard refuses as unavailable; beyond
 * `perCallerQueued` of one caller it refuses that caller as busy.
 * drain() waits for every admitted call.
 */
import { LedgerBusyError, LedgerUnavailableError } from '../ledger/ledger-errors';

/** The guard. */
export interface ConcurrencyGuard {
  /**
   * Runs `task` for `owner` (the caller id) when a slot is free for it.
   * @throws LedgerBusyError when the owner's queue is full; LedgerUnavailableError when the
   * whole queue is full or the guard is closed
   */
  run<T>(owner: string, task: () => Promise<T>): Promise<T>;
  /** Refuses new calls and resolves when every admitted call has finished. */
  drain(): Promise<void>;
  readonly active: number;
  readonly queued: number;
}

/** Limits of a guard. */
export interface ConcurrencyLimits {
  readonly maxConcurrent: number;
  readonly maxQueued: number;
  /** Default: maxConcurrent (no share). */
  readonly perCallerConcurrent?: number;
  /** Default: maxQueued. */
  readonly perCallerQueued?: number;
}

/** Creates a guard. */
export function createConcurrencyGuard(limits: ConcurrencyLimits): ConcurrencyGuard {
  const { maxConcurrent, maxQueued } = limits;
  const perCaller = limits.perCallerConcurrent ?? maxConcurrent;
  const perCallerQueued = limits.perCallerQueued ?? maxQueued;
  let active = 0;
  let queued = 0;
  let closed = false;
  const activeOf = new Map<string, number>();
  /** Waiting calls per owner; Map order is the round-robin order. */
  const waiting = new Map<string, (() => void)[]>();
  const idle: (() => void)[] = [];

  const admit = (owner: string): void => {
    active += 1;
    activeOf.set(owner, (activeOf.get(owner) ?? 0) + 1);
  };
  const admitNext = (): void => {
    for (const [owner, queue] of waiting) {
      if (active >= maxConcurrent) return;
      if ((activeOf.get(owner) ?? 0) >= perCaller) continue;
      const next = queue.shift();
      waiting.delete(owner);
      // Back of the turn order, if it still waits.
      if (queue.length > 0) waiting.set(owner, queue);
      if (next === undefined) continue;
      queued -= 1;
      admit(owner);
      next();
    }
  };
  const release = (owner: string): void => {
    active -= 1;
    const left = (activeOf.get(owner) ?? 1) - 1;
    if (left === 0) activeOf.delete(owner);
    else activeOf.set(owner, left);
    admitNext();
    if (active === 0 && queued === 0) for (const resolve of idle.splice(0)) resolve();
  };

  return {
    async run<T>(owner: string, task: () => Promise<T>): Promise<T> {
      if (closed) throw new LedgerUnavailableError('the gateway is shutting down');
      if (active < maxConcurrent && (activeOf.get(owner) ?? 0) < perCaller) {
        admit(owner);
      } else {
        const queue = waiting.get(owner) ?? [];
        if (queue.length >= perCallerQueued) {
          throw new LedgerBusyError('this caller has too many ledger calls waiting');
        }
        if (queued >= maxQueued) throw new LedgerUnavailableError('too many ledger calls queued');
        queued += 1;
        await new Promise<void>((resolve) => {
          queue.push(resolve);
          waiting.set(owner, queue);
        });
      }
      try {
        return await task();
      } finally {
        release(owner);
      }
    },
    drain() {
      closed = true;
      if (active === 0 && queued === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
    get active() {
      return active;
    },
    get queued() {
      return queued;
    },
  };
}
