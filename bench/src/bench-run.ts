/**
 * One bench workload with its resource figures: resource samples at the
 * start and end of the measured window around the closed loop, and the
 * workload's row.
 */
import { runClosedLoop, type ClosedLoopOptions } from './closed-loop';
import { workloadFigures, type WorkloadFigures } from './bench-figures';
import { bytesPerItem, cpuMsPerItem, type ProcessKind, type ResourceSample } from './resource-accounting';
import { sampleResources, type SampledPaths } from './resource-sampler';

/** A workload's row plus what it cost. */
export interface MeasuredWorkload {
  readonly figures: WorkloadFigures;
  readonly cpuMsPerItem: Partial<Record<ProcessKind | 'total', number>>;
  readonly blockFileBytesPerItem: number | null;
  /** Transactions committed in the window (a batch is one). */
  readonly transactions: number;
  readonly ordererDiskBytes: number;
  readonly samples: readonly ResourceSample[];
  readonly errorSamples: readonly string[];
}

/** How to run and label one workload. */
export interface WorkloadSpec extends Omit<ClosedLoopOptions, 'onWindowStart' | 'onWindowEnd'> {
  readonly batchSize: number;
}

/** Runs a workload with samples at its window's start and end. */
export async function measureWorkload(spec: WorkloadSpec, paths: SampledPaths): Promise<MeasuredWorkload> {
  const samples: ResourceSample[] = [];
  spec.progress(
    `${spec.name}${spec.batchSize > 1 ? ` (batch ${String(spec.batchSize)})` : ''}: ${String(spec.concurrency)} in flight`,
  );
  const result = await runClosedLoop({
    ...spec,
    onWindowStart: () => samples.push(sampleResources(paths)),
    onWindowEnd: () => samples.push(sampleResources(paths)),
  });
  const [before, after] = samples;
  const figures = workloadFigures(spec.name, spec.concurrency, spec.batchSize, result);
  spec.progress(
    `  ${spec.name}: ${String(figures.committedPerSecond)}/s, p50 ${String(figures.p50Ms)} ms, p99 ${String(figures.p99Ms)} ms, ${String(figures.errors)} errors`,
  );
  for (const e of result.errorSamples) spec.progress(`    error: ${e}`);
  const transactions = Math.round(result.items / Math.max(1, spec.batchSize));
  return {
    figures,
    cpuMsPerItem:
      before === undefined || after === undefined ? {} : cpuMsPerItem(before, after, result.items),
    blockFileBytesPerItem:
      before === undefined || after === undefined
        ? null
        : bytesPerItem(before.blockFileBytes, after.blockFileBytes, result.items),
    transactions,
    ordererDiskBytes:
      before === undefined || after === undefined ? 0 : after.ordererDiskBytes - before.ordererDiskBytes,
    samples,
    errorSamples: result.errorSamples,
  };
}
