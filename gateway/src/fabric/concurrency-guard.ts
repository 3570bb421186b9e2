/**
 * A concurrency guard: at most `maxConcurrent` ledger calls in flight, the
 * rest wait in a FIFO queue (up to `maxQueued`, beyond which calls are
 * refused as unavailable), so load queues here rather than exceeding the
 * peer gateway's concurrency limit. drain() waits for every admitted call.
 */
import { LedgerUnavailableError } from '../ledger/ledger-errors';

/** The guard. */
export interface ConcurrencyGuard {
  /**
   * Runs `task` when a slot is free.
   * @throws LedgerUnavailableError when the queue is full or the guard is closed
   */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Refuses new calls and resolves when every admitted call has finished. */
  drain(): Promise<void>;
  readonly active: number;
  readonly queued: number;
}

/** Creates a guard. */
export function createConcurrencyGuard(maxConcurrent: number, maxQueued: number): ConcurrencyGuard {
  let active = 0;
  let closed = false;
  const waiting: (() => void)[] = [];
  const idle: (() => void)[] = [];
  const release = () => {
    active -= 1;
    const next = waiting.shift();
    if (next) {
      active += 1;
      next();
    } else if (active === 0) {
      for (const resolve of idle.splice(0)) resolve();
    }
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (closed) throw new LedgerUnavailableError('the gateway is shutting down');
      if (active >= maxConcurrent) {
        if (waiting.length >= maxQueued) throw new LedgerUnavailableError('too many ledger calls queued');
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        active += 1;
      }
      try {
        return await task();
      } finally {
        release();
      }
    },
    drain() {
      closed = true;
      if (active === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
  };
}
