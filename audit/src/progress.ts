/**
 * Progress of a long replay, reported at most once per interval (and once at
 * the end), with rates since the replay started.
 */

/** One progress report. */
export interface ReplayProgress {
  readonly lastBlock: number;
  readonly blocks: number;
  readonly transactions: number;
  readonly elapsedMs: number;
  readonly blocksPerSecond: number;
  readonly transactionsPerSecond: number;
  readonly done: boolean;
}

/** Receives progress reports. */
export type ProgressCallback = (progress: ReplayProgress) => void;

/** Counts blocks and transactions of this run and reports through a callback. */
export class ProgressMeter {
  readonly #callback: ProgressCallback | undefined;
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #started: number;
  #lastReport: number;
  #blocks = 0;
  #transactions = 0;

  constructor(callback: ProgressCallback | undefined, intervalMs: number, now: () => number = Date.now) {
    this.#callback = callback;
    this.#intervalMs = intervalMs;
    this.#now = now;
    this.#started = now();
    this.#lastReport = this.#started;
  }

  /** Counts one block; reports when the interval has passed. */
  block(number: number, transactions: number): void {
    this.#blocks += 1;
    this.#transactions += transactions;
    if (this.#callback === undefined) return;
    const now = this.#now();
    if (now - this.#lastReport < this.#intervalMs) return;
    this.#lastReport = now;
    this.#callback(this.#snapshot(number, now, false));
  }

  /** Reports the final figures. */
  finish(lastBlock: number): ReplayProgress {
    const progress = this.#snapshot(lastBlock, this.#now(), true);
    this.#callback?.(progress);
    return progress;
  }

  #snapshot(lastBlock: number, now: number, done: boolean): ReplayProgress {
    const elapsedMs = Math.max(now - this.#started, 1);
    return {
      lastBlock,
      blocks: this.#blocks,
      transactions: this.#transactions,
      elapsedMs,
      blocksPerSecond: (this.#blocks * 1000) / elapsedMs,
      transactionsPerSecond: (this.#transactions * 1000) / elapsedMs,
      done,
    };
  }
}
