/**
 * The replay: reads blocks from a source, checks each against the chain,
 * decodes the VALID endorser transactions' write sets of the chaincode's
 * namespace, checks each verification record against its creator's
 * certified unit and rebuilds the state. Starts at block 0 or after a
 * checkpoint.
 */
import { CHAINCODE_NAME } from '@idcard/common';
import { common } from '@hyperledger/fabric-protos';
import type { BlockSource } from './block-source';
import { readOrdererTrust } from './channel-config';
import { ChainVerifier } from './chain-verifier';
import { CHECKPOINT_VERSION, type ReplayCheckpoint } from './checkpoint';
import { CheckpointError } from './audit-errors';
import type { IntegrityFinding } from './integrity-finding';
import { ProgressMeter, type ProgressCallback, type ReplayProgress } from './progress';
import { RecordAttributionCheck } from './record-attribution';
import { bump, ReplayState } from './replay-state';
import { decodeTransaction } from './transaction-decoder';
import { validationCodeName } from './validation-codes';

/** Options of a replay. */
export interface ReplayOptions {
  readonly source: BlockSource;
  /** Chaincode namespace whose writes are rebuilt (default `idcard`). */
  readonly namespace?: string;
  /** Continue after this checkpoint instead of from block 0. */
  readonly checkpoint?: ReplayCheckpoint;
  readonly onProgress?: ProgressCallback;
  /** Least time between two progress reports (default 1000 ms). */
  readonly progressIntervalMs?: number;
}

/** What a replay produced. */
export interface ReplayResult {
  readonly state: ReplayState;
  readonly findings: readonly IntegrityFinding[];
  readonly notices: readonly string[];
  readonly progress: ReplayProgress;
  /** The replay as a checkpoint after its last block (save it to resume later). */
  readonly checkpoint: ReplayCheckpoint;
}

function startFrom(options: ReplayOptions, namespace: string) {
  const { checkpoint } = options;
  if (checkpoint === undefined)
    return {
      state: new ReplayState(),
      findings: [] as IntegrityFinding[],
      notices: [] as string[],
      verifier: new ChainVerifier({ lastBlock: null, lastHeaderHash: null, configs: [] }, 0),
      startBlock: 0,
    };
  if (checkpoint.namespace !== namespace)
    throw new CheckpointError(`checkpoint is for namespace ${checkpoint.namespace}, not ${namespace}`);
  return {
    state: ReplayState.fromJSON(checkpoint.state),
    findings: [...checkpoint.findings],
    notices: [...checkpoint.notices],
    verifier: new ChainVerifier(checkpoint.position, 0),
    startBlock: (checkpoint.position.lastBlock ?? -1) + 1,
  };
}

/** What replaying one block's transactions works with. */
interface BlockReplay {
  readonly namespace: string;
  readonly state: ReplayState;
  readonly verifier: ChainVerifier;
  readonly attribution: RecordAttributionCheck;
  readonly findings: IntegrityFinding[];
}

function replayTransactions(
  block: common.Block,
  codes: readonly number[],
  location: string,
  replay: BlockReplay,
): number {
  const { namespace, state, verifier } = replay;
  const number = block.getHeader()?.getNumber() ?? 0;
  const entries = block.getData()?.getDataList_asU8() ?? [];
  entries.forEach((entry, index) => {
    const code = codes[index] ?? 0;
    const tx = decodeTransaction(index, entry, namespace, code === 0);
    state.stats.transactions += 1;
    bump(state.stats.transactionsByType, tx.type);
    state.noteTime(tx.timestamp);
    if (code !== 0) {
      bump(state.stats.invalidByCode, validationCodeName(code));
      return;
    }
    state.stats.validTransactions += 1;
    if (tx.type === 'CONFIG') {
      try {
        verifier.addConfig(readOrdererTrust(number, entry));
      } catch {
        // An unreadable config leaves later signatures without trust; that is reported per block.
      }
      return;
    }
    for (const finding of replay.attribution.check(tx, number))
      replay.findings.push({ ...finding, location });
    state.applyWrites(
      { blockNumber: number, txIndex: index, txId: tx.txId, txTime: tx.timestamp },
      tx.writes,
    );
  });
  return entries.length;
}

/**
 * Replays the source from block 0 (or after the checkpoint) to its end.
 * @throws BlockSourceError when the source fails; CheckpointError for a foreign checkpoint
 */
export async function replayLedger(options: ReplayOptions): Promise<ReplayResult> {
  const namespace = options.namespace ?? CHAINCODE_NAME;
  const { state, findings, notices, verifier, startBlock } = startFrom(options, namespace);
  const meter = new ProgressMeter(options.onProgress, options.progressIntervalMs ?? 1000);
  const replay = { namespace, state, verifier, attribution: new RecordAttributionCheck(), findings };
  for await (const item of options.source.blocks(startBlock)) {
    if (item.kind === 'notice') {
      notices.push(item.message);
      continue;
    }
    const check = verifier.check(item.block, item.location);
    findings.push(...check.findings);
    if (!check.replay) continue;
    state.stats.blocks += 1;
    const count = replayTransactions(item.block, check.validationCodes, item.location, replay);
    meter.block(item.block.getHeader()?.getNumber() ?? 0, count);
  }
  const position = verifier.position();
  const progress = meter.finish(position.lastBlock ?? -1);
  const checkpoint: ReplayCheckpoint = {
    version: CHECKPOINT_VERSION,
    namespace,
    position,
    state: state.toJSON(),
    findings: [...findings],
    notices: [...notices],
  };
  return { state, findings, notices, progress, checkpoint };
}
