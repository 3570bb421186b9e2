/** Stops every process the tool started for a data dir, newest kind first, and optionally removes the data dir. */
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { ResolvedConfig } from './config';
import { listPidFiles, readPidFile, stopProcess } from './supervisor';
import { dataPaths, type NodeKind } from './topology';

/** Stop order: the reverse of start order. */
const STOP_ORDER: readonly string[] = ['gateway', 'chaincode.', 'peer', 'orderer', 'ca.'];

function rank(name: string): number {
  const i = STOP_ORDER.findIndex((prefix) => name.startsWith(prefix));
  return i === -1 ? STOP_ORDER.length : i;
}

/** What `down` did. */
export interface DownResult {
  readonly stopped: string[];
  readonly purged: boolean;
}

/**
 * Stops every process with a pid file under the data dir (only those: it
 * never signals anything it did not start), in reverse start order.
 */
export async function networkDown(cfg: ResolvedConfig, opts: { purge?: boolean } = {}): Promise<DownResult> {
  const files = listPidFiles(dataPaths(cfg).run).sort((a, b) => rank(basename(a)) - rank(basename(b)));
  const stopped: string[] = [];
  // Processes of one kind stop in parallel; kinds stop one after another.
  for (let r = 0; r <= STOP_ORDER.length; r++) {
    const group = files.filter((f) => rank(basename(f)) === r);
    const results = await Promise.all(
      group.map(async (f) => ({
        name: readPidFile(f)?.name ?? basename(f, '.pid'),
        was: await stopProcess(f),
      })),
    );
    for (const res of results) if (res.was) stopped.push(res.name);
  }
  if (opts.purge === true) rmSync(cfg.dataDir, { recursive: true, force: true });
  return { stopped, purged: opts.purge === true };
}

/** Kinds in start order, for callers that start things. */
export const START_ORDER: readonly NodeKind[] = ['ca', 'orderer', 'peer', 'chaincode', 'gateway'];
