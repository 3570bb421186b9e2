import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { common } from '@hyperledger/fabric-protos';
import { buildAuditReport } from './audit-report';
import { blockDataHash } from './block-hash';
import { blockfileSource } from './blockfile-source';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';
import { replayLedger } from './replay-ledger';
import { renderAuditReport } from './report-text';
import { ref } from './test-support/chaincode-model';
import { buildScenario, type Scenario } from './test-support/scenario';
import { tempDirs } from './test-support/temp-dir';
import { createTestNetwork } from './test-support/test-ledger';

const dirs = tempDirs();
let scenario: Scenario;

beforeAll(() => {
  scenario = buildScenario(createTestNetwork());
});
afterAll(() => {
  dirs.cleanup();
});

function ledgerDir(blocks: readonly common.Block[] = scenario.ledger.blocks, maxFileBytes = 4000): string {
  const dir = dirs.make();
  scenario.ledger.writeBlockfiles(dir, blocks, maxFileBytes);
  return dir;
}

async function replayDir(dir: string) {
  return replayLedger({ source: blockfileSource({ channelDir: dir }) });
}

function cloneBlock(block: common.Block): common.Block {
  return common.Block.deserializeBinary(block.serializeBinary());
}

function txIdOf(entry: Uint8Array): string {
  return common.ChannelHeader.deserializeBinary(
    common.Payload.deserializeBinary(common.Envelope.deserializeBinary(entry).getPayload_asU8())
      .getHeader()!
      .getChannelHeader_asU8(),
  ).getTxId();
}

describe('replayLedger over Fabric block files', () => {
  it('replays a clean ledger with ok=true and rebuilds exactly what the scenario wrote', async () => {
    const result = await replayDir(ledgerDir());
    const report = buildAuditReport(result);

    expect(report.ok).toBe(true);
    expect(report.integrity.failures).toEqual([]);
    expect(report.blocks).toEqual({ replayed: 6, lastBlock: 5 });
    expect(report.transactions.invalidByCode).toEqual({ MVCC_READ_CONFLICT: 1 });
    const { model } = scenario;
    expect(Object.fromEntries([...result.state.cards].map(([k, c]) => [k, c.state]))).toEqual(
      Object.fromEntries([...model.cards].map(([k, c]) => [k, c.state])),
    );
    for (const [cardRef, actions] of model.history)
      expect(result.state.cards.get(cardRef)?.history.map((h) => h.action)).toEqual(actions);
    expect(result.state.cards.get(ref('card:bob-1'))?.replacedBy).toBe(ref('card:bob-2'));
    expect(
      [...result.state.verifications.values()].map(
        ({ recordId, unitId, purpose, result: r, reason, cardRef }) => ({
          recordId,
          unitId,
          purpose,
          result: r,
          reason,
          cardRef,
        }),
      ),
    ).toEqual(
      [...model.verifications.values()].map(({ recordId, unitId, purpose, result: r, reason, cardRef }) => ({
        recordId,
        unitId,
        purpose,
        result: r,
        reason,
        cardRef,
      })),
    );
    expect([...result.state.fraudReports.keys()]).toEqual([...model.fraudReports.keys()]);
    expect(Object.fromEntries([...result.state.units].map(([k, u]) => [k, u.state]))).toEqual({
      'BANK-001': 'ACTIVE',
      'HOTEL-002': 'SUSPENDED',
    });
    expect(report.verifications.byResult).toEqual({ VALID: 2, INVALID: 2, DENIED: 1 });
    expect(report.verifications.denials).toEqual({ UNIT_SUSPENDED: 1 });
    expect(report.cards.transitionsByType).toEqual({
      ISSUE: 4,
      REPORT_LOST: 1,
      WITHDRAW_LOSS: 1,
      REPORT_STOLEN: 1,
      REPLACE: 1,
      REVOKE: 1,
    });
    expect(renderAuditReport(report)).toContain('Audit of namespace idcard: OK');
  });

  it('does not apply the writes of an invalidated transaction', async () => {
    const result = await replayDir(ledgerDir());

    expect([...result.state.verifications.values()].some((v) => v.txId === scenario.invalidTxId)).toBe(false);
  });

  it('names the block and transaction when one byte inside a transaction is changed on disk', async () => {
    const dir = ledgerDir(scenario.ledger.blocks, 64 * 1024 * 1024);
    const file = join(dir, 'blockfile_000000');
    const bytes = readFileSync(file);
    const target = scenario.ledger.blocks[2]!.getData()!.getDataList_asU8()[2]!;
    const at = bytes.indexOf(Buffer.from(target));
    const inValue = bytes.indexOf(Buffer.from('LOAN_APPLICATION'), at);
    bytes[inValue] = 'X'.charCodeAt(0);
    writeFileSync(file, bytes);

    const report = buildAuditReport(await replayDir(dir));

    expect(report.ok).toBe(false);
    const txId = txIdOf(target);
    expect(report.integrity.failures).toEqual([
      expect.objectContaining({ kind: 'data-hash', blockNumber: 2 }),
      expect.objectContaining({ kind: 'transaction-tampered', blockNumber: 2, txIndex: 2, txId }),
    ]);
  });

  it('catches an altered newest block (data and data_hash rewritten together) by its orderer signature', async () => {
    const blocks = [...scenario.ledger.blocks];
    const newest = cloneBlock(blocks[blocks.length - 1]!);
    const entries = newest.getData()!.getDataList_asU8();
    newest.getData()!.setDataList(entries.slice(0, -1));
    newest.getHeader()!.setDataHash(blockDataHash(entries.slice(0, -1)));
    const metadata = newest.getMetadata()!.getMetadataList_asU8();
    metadata[2] = Uint8Array.from([0, 0]);
    newest.getMetadata()!.setMetadataList(metadata);
    blocks[blocks.length - 1] = newest;

    const report = buildAuditReport(await replayDir(ledgerDir(blocks)));

    expect(report.ok).toBe(false);
    expect(report.integrity.failures).toEqual([
      expect.objectContaining({ kind: 'orderer-signature', blockNumber: 5 }),
    ]);
  });

  /**
   * The scenario's blocks with one byte of the last verification record in block `number` changed
   * and that block's data_hash rewritten to match; the changed transaction's index and id.
   */
  function changedVerification(number: number): { blocks: common.Block[]; txIndex: number; txId: string } {
    const blocks = [...scenario.ledger.blocks];
    const block = cloneBlock(blocks[number]!);
    const entries = block
      .getData()!
      .getDataList_asU8()
      .map((e) => Buffer.from(e));
    const txIndex = entries.map((e) => e.includes('"result":"')).lastIndexOf(true);
    const entry = entries[txIndex]!;
    entry[entry.lastIndexOf('"result":"') + 10] = 'X'.charCodeAt(0);
    block.getData()!.setDataList(entries);
    block.getHeader()!.setDataHash(blockDataHash(entries));
    blocks[number] = block;
    return { blocks, txIndex, txId: txIdOf(entry) };
  }

  it('names the transaction changed in the newest block (data_hash rewritten to match) through the orderer signature', async () => {
    const newest = scenario.ledger.blocks.length - 1;
    const { blocks, txIndex, txId } = changedVerification(newest);

    const report = buildAuditReport(await replayDir(ledgerDir(blocks)));

    expect(report.integrity.failures).toEqual([
      expect.objectContaining({ kind: 'orderer-signature', blockNumber: newest }),
      expect.objectContaining({ kind: 'transaction-tampered', blockNumber: newest, txIndex, txId }),
    ]);
  });

  it('names a middle block changed with its data_hash rewritten: orderer signature, the transaction, the next previous_hash', async () => {
    const { blocks, txIndex, txId } = changedVerification(2);

    const report = buildAuditReport(await replayDir(ledgerDir(blocks)));

    expect(report.integrity.failures).toEqual([
      expect.objectContaining({ kind: 'orderer-signature', blockNumber: 2 }),
      expect.objectContaining({ kind: 'transaction-tampered', blockNumber: 2, txIndex, txId }),
      expect.objectContaining({ kind: 'previous-hash', blockNumber: 3 }),
    ]);
  });

  it('reports a removed block as a broken chain naming the missing number', async () => {
    const blocks = scenario.ledger.blocks.filter((_, i) => i !== 3);

    const report = buildAuditReport(await replayDir(ledgerDir(blocks)));

    expect(report.ok).toBe(false);
    expect(report.integrity.failures).toEqual([
      expect.objectContaining({ kind: 'missing-blocks', blockNumber: 4 }),
    ]);
    expect(report.integrity.failures[0]?.message).toBe('block(s) 3 missing before block 4');
  });

  it('gives the same final report from a checkpoint as from a full replay', async () => {
    const full = buildAuditReport(await replayDir(ledgerDir()));
    const partial = await replayDir(ledgerDir(scenario.ledger.blocks.slice(0, 3)));
    const file = join(dirs.make(), 'audit.checkpoint.json');
    await saveCheckpoint(file, partial.checkpoint);
    const checkpoint = await loadCheckpoint(file);

    const resumed = await replayLedger({
      source: blockfileSource({ channelDir: ledgerDir() }),
      checkpoint: checkpoint!,
    });

    expect(resumed.progress.blocks).toBe(3);
    expect(buildAuditReport(resumed)).toEqual(full);
  });

  it('trusts a checkpoint for the blocks before it, while a full replay still catches a later change to them', async () => {
    const partial = await replayDir(ledgerDir(scenario.ledger.blocks.slice(0, 3)));
    const blocks = [...scenario.ledger.blocks];
    const forged = cloneBlock(blocks[2]!);
    forged.getHeader()!.setDataHash(Buffer.alloc(32, 7));
    blocks[2] = forged;
    // Block 2 (already replayed) is now different on disk: block 3's previous_hash still names the original,
    // so only a full replay sees it; the resumed replay checks block 3 against the checkpoint's hash.
    const resumed = await replayLedger({
      source: blockfileSource({ channelDir: ledgerDir(blocks) }),
      checkpoint: partial.checkpoint,
    });

    expect(buildAuditReport(resumed).ok).toBe(true);
    const full = buildAuditReport(await replayDir(ledgerDir(blocks)));
    expect(full.integrity.failures.map((f) => [f.kind, f.blockNumber])).toEqual(
      expect.arrayContaining([
        ['data-hash', 2],
        ['orderer-signature', 2],
      ]),
    );
  });

  it('reports progress with rates', async () => {
    const reports: number[] = [];

    const result = await replayLedger({
      source: blockfileSource({ channelDir: ledgerDir() }),
      onProgress: (p) => reports.push(p.blocks),
      progressIntervalMs: 0,
    });

    expect(reports[reports.length - 1]).toBe(6);
    expect(result.progress).toEqual(expect.objectContaining({ done: true, transactions: 19 }));
    expect(result.progress.transactionsPerSecond).toBeGreaterThan(0);
  });
});
