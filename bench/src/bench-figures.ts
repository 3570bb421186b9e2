/**
 * The pure part of `idcard bench`: latency percentiles, one workload's
 * figures from its samples, the ratios the issue asks for, and the printed
 * table. No I/O, so every shape the JSON and the table take is unit-tested.
 */

/** What a workload's measured window produced. */
export interface WorkloadSamples {
  /** Latency of every operation that completed inside the window, ms. */
  readonly latenciesMs: readonly number[];
  /** Verifications (or transactions, for `trivial`) committed inside the window. */
  readonly items: number;
  /** Operations that failed inside the window. */
  readonly errors: number;
  /** Length of the window, seconds. */
  readonly seconds: number;
}

/** One row of the results (the JSON's `workloads` entries). */
export interface WorkloadFigures {
  readonly name: string;
  readonly concurrency: number;
  readonly batchSize: number;
  /** Committed items per second; for `invalidation` the rounds per second, for `replay` transactions per second. */
  readonly committedPerSecond: number;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly errors: number;
  /** Committed items in the window. */
  readonly committed: number;
  readonly seconds: number;
}

/** The ratios of the targets (null when a side is missing or zero). */
export interface Ratios {
  readonly 'direct-single/trivial': number | null;
  readonly 'rest-single/direct-single': number | null;
}

/**
 * The `p` quantile (0..1) of ascending `sorted` values by the nearest-rank
 * method; null for no values.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? null;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** A workload's row from its samples. */
export function workloadFigures(
  name: string,
  concurrency: number,
  batchSize: number,
  samples: WorkloadSamples,
): WorkloadFigures {
  const sorted = [...samples.latenciesMs].sort((a, b) => a - b);
  const p50 = percentile(sorted, 0.5);
  const p99 = percentile(sorted, 0.99);
  return {
    name,
    concurrency,
    batchSize,
    committedPerSecond: samples.seconds > 0 ? round1(samples.items / samples.seconds) : 0,
    p50Ms: p50 === null ? null : Math.round(p50),
    p99Ms: p99 === null ? null : Math.round(p99),
    errors: samples.errors,
    committed: samples.items,
    seconds: round1(samples.seconds),
  };
}

function ratio(rows: readonly WorkloadFigures[], top: string, bottom: string): number | null {
  const a = rows.find((r) => r.name === top)?.committedPerSecond;
  const b = rows.find((r) => r.name === bottom)?.committedPerSecond;
  if (a === undefined || b === undefined || b === 0) return null;
  return Math.round((a / b) * 100) / 100;
}

/** The two throughput ratios of the issue. */
export function ratios(rows: readonly WorkloadFigures[]): Ratios {
  return {
    'direct-single/trivial': ratio(rows, 'direct-single', 'trivial'),
    'rest-single/direct-single': ratio(rows, 'rest-single', 'direct-single'),
  };
}

const cell = (v: number | null): string => (v === null ? '-' : String(v));

/** Aligned text columns (the first left-aligned, the rest right-aligned). */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The workloads as the printed table. */
export function workloadTable(rows: readonly WorkloadFigures[]): string {
  return textTable(
    ['workload', 'in flight', 'batch', 'committed/s', 'p50 ms', 'p99 ms', 'errors', 'committed'],
    rows.map((r) => [
      r.name,
      String(r.concurrency),
      String(r.batchSize),
      String(r.committedPerSecond),
      cell(r.p50Ms),
      cell(r.p99Ms),
      String(r.errors),
      String(r.committed),
    ]),
  );
}

/**
 * The transactions per second of `idcard audit replay`'s last progress line
 * (`replay: block N, ... 7445 tx/s, done`), null when there is none.
 */
export function replayRate(progress: string): number | null {
  const done = progress
    .split('\n')
    .filter((line) => line.startsWith('replay:') && line.endsWith(', done'))
    .at(-1);
  const m = done === undefined ? null : / (\d+) tx\/s, done$/.exec(done);
  return m === null ? null : Number(m[1]);
}
