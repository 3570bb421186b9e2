/**
 * One call for the CLI: replay (from block 0 or a checkpoint file), compare
 * with the world state when a reader is given, save the new checkpoint, and
 * return the report in JSON and text.
 */
import type { BlockSource } from './block-source';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';
import { buildAuditReport, type AuditReport, type ComparisonOutcome } from './audit-report';
import type { ProgressCallback } from './progress';
import { replayLedger, type ReplayResult } from './replay-ledger';
import { renderAuditReport } from './report-text';
import { compareWithWorldState, type WorldStateReader } from './world-state-compare';

/** Options of an audit run. */
export interface AuditRunOptions {
  readonly source: BlockSource;
  readonly namespace?: string;
  /** Resume from this checkpoint file if it exists, and save the new one there. */
  readonly checkpointFile?: string;
  readonly worldState?: WorldStateReader;
  readonly onProgress?: ProgressCallback;
}

/** What an audit run produced. */
export interface AuditRun {
  readonly report: AuditReport;
  readonly text: string;
  readonly replay: ReplayResult;
}

/**
 * Runs an audit.
 * @throws BlockSourceError, CheckpointError; a failing world-state reader is reported, not thrown
 */
export async function runAudit(options: AuditRunOptions): Promise<AuditRun> {
  const checkpoint =
    options.checkpointFile === undefined ? undefined : await loadCheckpoint(options.checkpointFile);
  const replay = await replayLedger({
    source: options.source,
    ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
    ...(checkpoint === undefined ? {} : { checkpoint }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  let comparison: ComparisonOutcome | undefined;
  if (options.worldState !== undefined) {
    try {
      comparison = { differences: await compareWithWorldState(replay.state, options.worldState) };
    } catch (err) {
      comparison = { error: err instanceof Error ? err.message : String(err), differences: [] };
    }
  }
  if (options.checkpointFile !== undefined) await saveCheckpoint(options.checkpointFile, replay.checkpoint);
  const report = buildAuditReport(replay, comparison);
  return { report, text: renderAuditReport(report), replay };
}
