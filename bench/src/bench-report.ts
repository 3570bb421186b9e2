/**
 * The results document of `idcard bench` (bench/results/<timestamp>.json)
 * and its resource section, shaped from the measured workloads without I/O.
 */
import type { Ratios, WorkloadFigures } from './bench-figures';
import type { ProcessKind, RssKey } from './resource-accounting';

/** What resourceSummary reads of a measured workload. */
export interface WorkloadCost {
  readonly figures: WorkloadFigures;
  readonly cpuMsPerItem: Partial<Record<ProcessKind | 'total', number>>;
  readonly blockFileBytesPerItem: number | null;
  readonly transactions: number;
  readonly ordererDiskBytes: number;
}

/** The `resources` section. */
export interface ResourceSummary {
  /** CPU ms per committed item (verification; transaction for `trivial`), per process kind, by workload. */
  readonly cpuMsPerItem: Readonly<Record<string, Partial<Record<ProcessKind | 'total', number>>>>;
  /** Peak resident memory per process kind (largest process of the kind), of all processes and of the network's alone, MiB. */
  readonly rssMiB: Partial<Record<RssKey, number>>;
  /** Block-file bytes at one peer per verification (per transaction for `trivial`), by workload. */
  readonly blockFileBytesPerVerification: Readonly<Record<string, number | null>>;
  /** Bytes the first orderer's data folder grew per ordered transaction over all measured windows. */
  readonly ordererDiskBytesPerTransaction: number | null;
}

/** The key of a workload in the resource maps: its name, with the batch size for batches. */
export function workloadKey(f: Pick<WorkloadFigures, 'name' | 'batchSize'>): string {
  return f.batchSize > 1 ? `${f.name}-${String(f.batchSize)}` : f.name;
}

/** The resource section from the workloads' costs and the peak memory. */
export function resourceSummary(
  costs: readonly WorkloadCost[],
  rssMiB: Partial<Record<RssKey, number>>,
): ResourceSummary {
  const blocks: Record<string, number | null> = {};
  for (const c of costs) blocks[workloadKey(c.figures)] = c.blockFileBytesPerItem;
  const transactions = costs.reduce((sum, c) => sum + c.transactions, 0);
  const disk = costs.reduce((sum, c) => sum + c.ordererDiskBytes, 0);
  return {
    cpuMsPerItem: Object.fromEntries(costs.map((c) => [workloadKey(c.figures), c.cpuMsPerItem])),
    rssMiB,
    blockFileBytesPerVerification: blocks,
    ordererDiskBytesPerTransaction: transactions > 0 ? Math.round(disk / transactions) : null,
  };
}

/** The whole results document. */
export interface BenchResults {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: { readonly cpus: number; readonly node: string };
  readonly network: Readonly<Record<string, unknown>>;
  readonly options: Readonly<Record<string, number>>;
  readonly workloads: readonly WorkloadFigures[];
  readonly ratios: Ratios;
  readonly invalidation: { readonly reportCommittedMs: readonly number[] };
  readonly resources: ResourceSummary;
  readonly replayOk: boolean;
  readonly errorSamples: Readonly<Record<string, readonly string[]>>;
}

/**
 * The document with the fields first (`workloads` rows reduced to
 * name, concurrency, batchSize, committedPerSecond, p50Ms, p99Ms, errors,
 * plus committed and seconds).
 */
export function benchResultsJson(r: BenchResults): BenchResults {
  return {
    ...r,
    workloads: r.workloads.map((w) => ({
      name: w.name,
      concurrency: w.concurrency,
      batchSize: w.batchSize,
      committedPerSecond: w.committedPerSecond,
      p50Ms: w.p50Ms,
      p99Ms: w.p99Ms,
      errors: w.errors,
      committed: w.committed,
      seconds: w.seconds,
    })),
  };
}
