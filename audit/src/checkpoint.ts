/**
 * Checkpoints for incremental replays: everything the replay knows after
 * block N (rebuilt state, counts, findings, chain position with the last
 * header hash and the configurations seen). Saved atomically (temporary file,
 * then rename), so a crash leaves the previous checkpoint intact.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@idcard/common';
import { CheckpointError } from './audit-errors';
import type { ChainPosition } from './chain-verifier';
import type { IntegrityFinding } from './integrity-finding';
import type { ReplayStateJson } from './replay-state';

/** Format version; a checkpoint of another version is refused. */
export const CHECKPOINT_VERSION = 1;

/** The saved replay after `position.lastBlock`. */
export interface ReplayCheckpoint {
  readonly version: typeof CHECKPOINT_VERSION;
  readonly namespace: string;
  readonly position: ChainPosition;
  readonly state: ReplayStateJson;
  readonly findings: readonly IntegrityFinding[];
  readonly notices: readonly string[];
}

/**
 * Writes a checkpoint atomically.
 * @throws the file system error (the previous checkpoint is then unchanged)
 */
export async function saveCheckpoint(file: string, checkpoint: ReplayCheckpoint): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(checkpoint));
}

/**
 * Reads a checkpoint; undefined when the file does not exist.
 * @throws CheckpointError when it is unreadable or of another version
 */
export async function loadCheckpoint(file: string): Promise<ReplayCheckpoint | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CheckpointError(`cannot read checkpoint ${file}`, { cause: err });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new CheckpointError(`checkpoint ${file} is not JSON`, { cause: err });
  }
  const candidate = parsed as Partial<ReplayCheckpoint> | null;
  if (
    candidate?.version !== CHECKPOINT_VERSION ||
    candidate.position === undefined ||
    candidate.state === undefined
  )
    throw new CheckpointError(`checkpoint ${file} is not a version ${CHECKPOINT_VERSION} replay checkpoint`);
  return candidate as ReplayCheckpoint;
}
