/**
 * Samples the running system for the bench's resource figures: CPU time and
 * resident memory of every supervised process (pid files in the data dir's
 * run folder) and of this process, the first peer's block files and the
 * first orderer's data folder on disk.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { channelBlocksDir } from '@idcard/audit';
import {
  dataPaths,
  isAlive,
  nodeDataDirs,
  ordererNodes,
  peerNodes,
  readPidFile,
  type ResolvedConfig,
} from '@idcard/network';
import {
  cpuTicksOfStat,
  processKind,
  rssBytesOfStatus,
  type ProcessKind,
  type ResourceSample,
} from './resource-accounting';

/** Linux's USER_HZ: /proc reports CPU times in these ticks per second. */
const TICKS_PER_SECOND = 100;

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

/** Sum over a folder tree: allocated bytes (`allocated`) or file sizes, for files whose name passes `keep`. */
export function treeBytes(
  dir: string,
  allocated: boolean,
  keep: (name: string) => boolean = () => true,
): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += treeBytes(path, allocated, keep);
    else if (entry.isFile() && keep(entry.name)) {
      const st = statSync(path);
      total += allocated ? st.blocks * 512 : st.size;
    }
  }
  return total;
}

/** The folders a sample reads. */
export interface SampledPaths {
  readonly runDir: string;
  readonly blocksDir: string;
  readonly ordererDataDir: string;
}

/**
 * Where the first peer keeps the channel's block files and the first orderer its data.
 * @throws Error when the config has no peer or orderer
 */
export function sampledPaths(cfg: ResolvedConfig): SampledPaths {
  const [peer] = peerNodes(cfg);
  const [orderer] = ordererNodes(cfg);
  if (peer === undefined || orderer === undefined) throw new Error('the network has no peer or no orderer');
  return {
    runDir: dataPaths(cfg).run,
    blocksDir: channelBlocksDir(join(nodeDataDirs(peer).ledger, 'ledgersData'), cfg.channel),
    ordererDataDir: join(orderer.home, 'data'),
  };
}

/** One sample now. */
export function sampleResources(paths: SampledPaths): ResourceSample {
  const cpuSeconds: Partial<Record<ProcessKind, number>> = {};
  const rssBytes: Record<string, number> = {};
  const add = (kind: ProcessKind, seconds: number): void => {
    cpuSeconds[kind] = (cpuSeconds[kind] ?? 0) + seconds;
  };
  const pidFiles = existsSync(paths.runDir)
    ? readdirSync(paths.runDir).filter((f) => f.endsWith('.pid'))
    : [];
  for (const file of pidFiles) {
    const record = readPidFile(join(paths.runDir, file));
    const kind = record === undefined ? undefined : processKind(record.name);
    if (record === undefined || kind === undefined || !isAlive(record)) continue;
    const stat = readOr(`/proc/${String(record.pid)}/stat`, '');
    if (stat === '') continue;
    add(kind, cpuTicksOfStat(stat) / TICKS_PER_SECOND);
    rssBytes[record.name] = rssBytesOfStatus(readOr(`/proc/${String(record.pid)}/status`, ''));
  }
  const own = process.cpuUsage();
  add('client', (own.user + own.system) / 1e6);
  rssBytes['bench-client'] = process.memoryUsage.rss();
  return {
    cpuSeconds,
    rssBytes,
    blockFileBytes: treeBytes(paths.blocksDir, false, (n) => n.startsWith('blockfile_')),
    ordererDiskBytes: treeBytes(paths.ordererDataDir, true),
  };
}
