/**
 * The pure part of the bench's resource figures: process kinds from process
 * names, /proc parsing, and CPU, memory and disk per verification from two
 * samples. The sampling itself (reading /proc and the data dir) is in
 * resource-sampler.ts.
 */

/** Kinds of process the figures are grouped by. */
export const PROCESS_KINDS = [
  'orderer',
  'peer',
  'chaincode',
  'bench-chaincode',
  'gateway',
  'ca',
  'client',
] as const;
export type ProcessKind = (typeof PROCESS_KINDS)[number];

/** The kind of a supervised process from its name (`orderer1.orderer`, `chaincode.bench.bigdata`, `gateway-bench` ...). */
export function processKind(name: string): ProcessKind | undefined {
  if (name.startsWith('orderer')) return 'orderer';
  if (name.startsWith('peer')) return 'peer';
  if (name.startsWith('chaincode.bench.')) return 'bench-chaincode';
  if (name.startsWith('chaincode.')) return 'chaincode';
  if (name.startsWith('gateway')) return 'gateway';
  if (name.startsWith('ca.')) return 'ca';
  return undefined;
}

/**
 * User plus system CPU time of a process in clock ticks, from the text of
 * /proc/<pid>/stat (fields 14 and 15; the command name in parentheses may
 * hold spaces, so fields are counted after its closing parenthesis).
 * @throws Error when the text is not a stat line
 */
export function cpuTicksOfStat(text: string): number {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // After the name, field 3 (state) is index 0, so field 14 is index 11.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('not a /proc/<pid>/stat line');
  return utime + stime;
}

/** Resident memory in bytes from the text of /proc/<pid>/status (VmRSS), 0 when absent. */
export function rssBytesOfStatus(text: string): number {
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(text);
  return m === null ? 0 : Number(m[1]) * 1024;
}

/** One sample of the whole system. */
export interface ResourceSample {
  /** CPU seconds used so far, summed per kind. */
  readonly cpuSeconds: Readonly<Partial<Record<ProcessKind, number>>>;
  /** Resident memory per process name, bytes. */
  readonly rssBytes: Readonly<Record<string, number>>;
  /** Bytes of the channel's block files at the first peer. */
  readonly blockFileBytes: number;
  /** Bytes allocated on disk by the first orderer's data folder (ledger, WAL, snapshots). */
  readonly ordererDiskBytes: number;
}

/** CPU milliseconds per item, per kind, between two samples (kinds that used none are left out). */
export function cpuMsPerItem(
  before: ResourceSample,
  after: ResourceSample,
  items: number,
): Partial<Record<ProcessKind | 'total', number>> {
  if (items <= 0) return {};
  const out: Partial<Record<ProcessKind | 'total', number>> = {};
  let total = 0;
  for (const kind of PROCESS_KINDS) {
    const used = (after.cpuSeconds[kind] ?? 0) - (before.cpuSeconds[kind] ?? 0);
    if (used <= 0) continue;
    const ms = (used * 1000) / items;
    out[kind] = Math.round(ms * 100) / 100;
    total += ms;
  }
  out.total = Math.round(total * 100) / 100;
  return out;
}

/** Bytes per item of a growing figure between two samples (null without items). */
export function bytesPerItem(before: number, after: number, items: number): number | null {
  return items <= 0 ? null : Math.round((after - before) / items);
}

/** Kinds that are the bench's own, not the network's: its load client and the yardstick chaincode. */
const BENCH_ONLY: readonly ProcessKind[] = ['client', 'bench-chaincode'];

/** Peak memory keys: per kind, all processes (`total`), and the network without the bench's own processes. */
export type RssKey = ProcessKind | 'total' | 'network';

/**
 * The largest resident memory per kind, and the largest sums over all
 * processes and over the network's processes alone, MiB, over several samples.
 */
export function peakRssMiB(samples: readonly ResourceSample[]): Partial<Record<RssKey, number>> {
  const out: Partial<Record<RssKey, number>> = {};
  const mib = (b: number): number => Math.round((b / 2 ** 20) * 10) / 10;
  for (const sample of samples) {
    let total = 0;
    let network = 0;
    for (const [name, bytes] of Object.entries(sample.rssBytes)) {
      const kind = processKind(name) ?? 'client';
      total += bytes;
      if (!BENCH_ONLY.includes(kind)) network += bytes;
      out[kind] = Math.max(out[kind] ?? 0, mib(bytes));
    }
    out.total = Math.max(out.total ?? 0, mib(total));
    out.network = Math.max(out.network ?? 0, mib(network));
  }
  return out;
}
