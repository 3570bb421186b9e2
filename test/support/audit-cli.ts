/**
 * The auditor's side of a real-network suite: `idcard audit …` run as a
 * separate process with a JSON report, and copies of a peer's ledger to
 * check (or to tamper with).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { channelBlocksDir } from '@idcard/audit';
import { CHANNEL_NAME, MSP_IDS } from '@idcard/common';
import { nodeDataDirs, peerNodes, type ResolvedConfig } from '@idcard/network';

/** One run of the CLI. */
export interface CliRun<R> {
  readonly status: number | null;
  readonly stderr: string;
  readonly stdout: string;
  /** The `--json` report, when the command wrote one. */
  readonly report: R | undefined;
}

let runs = 0;

/** Runs `idcard audit <args> --json FILE` in `work`; the parsed report when it wrote one. */
export function runAuditCli<R>(cfg: ResolvedConfig, work: string, args: readonly string[]): CliRun<R> {
  runs += 1;
  const reportFile = join(work, `report-${String(runs)}.json`);
  const run = spawnSync(
    process.execPath,
    [join(cfg.projectRoot, 'scripts', 'bin', 'idcard.js'), 'audit', ...args, '--json', reportFile],
    { cwd: cfg.projectRoot, encoding: 'utf8', timeout: 300_000 },
  );
  const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as R) : undefined;
  return { status: run.status, stderr: run.stderr, stdout: run.stdout, report };
}

/** A fresh copy of the public security peer's ledger under `work/name`; the channel's block-file folder in it. */
export function copyPeerLedger(cfg: ResolvedConfig, work: string, name: string): string {
  const peer = peerNodes(cfg).find((p) => p.mspId === MSP_IDS.publicSecurity);
  if (peer === undefined) throw new Error('no public security peer');
  const copy = join(work, name);
  cpSync(nodeDataDirs(peer).ledger, copy, { recursive: true });
  const channelDir = channelBlocksDir(join(copy, 'ledgersData'), CHANNEL_NAME);
  if (!existsSync(join(channelDir, 'blockfile_000000'))) throw new Error(`no block file in ${channelDir}`);
  return channelDir;
}
