/**
 * Runs one workload as a closed loop: `concurrency` workers, each starting
 * its next operation when the last one has been answered (committed), for a
 * warm-up and then a measured window. Operations answered inside the window
 * count (throughput is completions per window second, so long batches
 * started in the warm-up count too); hooks mark the window's start and end
 * (resource samples), and progress is reported every few seconds.
 */
import type { WorkloadSamples } from './bench-figures';

/** One operation: resolves with the items it committed; throws when it failed. */
export type Operation = (worker: number) => Promise<number>;

/** How to run a workload. */
export interface ClosedLoopOptions {
  readonly name: string;
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly operation: Operation;
  readonly progress: (line: string) => void;
  readonly onWindowStart?: () => void;
  readonly onWindowEnd?: () => void;
  /** Between progress lines (default 5 s). */
  readonly progressEveryMs?: number;
}

/** What the window saw, and the first failures' messages (for the log). */
export interface ClosedLoopResult extends WorkloadSamples {
  readonly errorSamples: readonly string[];
}

const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 300);

/** Runs the workload to the end of its window and waits for every started operation. */
export async function runClosedLoop(opts: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const started = Date.now();
  const windowStart = started + opts.warmupMs;
  const windowEnd = windowStart + opts.durationMs;
  const latenciesMs: number[] = [];
  const errorSamples: string[] = [];
  let items = 0;
  let errors = 0;
  let inWindow = false;
  const startTimer = setTimeout(() => {
    inWindow = true;
    opts.onWindowStart?.();
  }, opts.warmupMs);
  const endTimer = setTimeout(() => {
    inWindow = false;
    opts.onWindowEnd?.();
  }, opts.warmupMs + opts.durationMs);
  const ticker = setInterval(() => {
    const now = Date.now();
    const phase = now < windowStart ? 'warm-up' : 'measuring';
    const secs = Math.max(0.001, (Math.min(now, windowEnd) - windowStart) / 1000);
    const rate = now < windowStart ? '' : `, ${(items / secs).toFixed(1)}/s`;
    opts.progress(
      `  ${opts.name}: ${phase} ${((now - started) / 1000).toFixed(0)} s, ${String(items)} committed${rate}, ${String(errors)} errors`,
    );
  }, opts.progressEveryMs ?? 5000);
  const worker = async (index: number): Promise<void> => {
    while (Date.now() < windowEnd) {
      const t0 = performance.now();
      try {
        const n = await opts.operation(index);
        if (inWindow) {
          latenciesMs.push(performance.now() - t0);
          items += n;
        }
      } catch (err) {
        if (inWindow) {
          errors += 1;
          if (errorSamples.length < 5) errorSamples.push(describe(err));
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: opts.concurrency }, (_, i) => worker(i)));
  } finally {
    clearTimeout(startTimer);
    clearTimeout(endTimer);
    clearInterval(ticker);
  }
  return { latenciesMs, items, errors, seconds: opts.durationMs / 1000, errorSamples };
}
