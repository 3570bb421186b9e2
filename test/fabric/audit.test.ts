/**
 * The auditor's tools against a real network: `idcard audit replay --online`
 * as the configured auditor compares the rebuilt state with the world state;
 * copies of a peer's block files, changed as an attacker with disk access
 * would change them, are caught and the change named: a transaction changed
 * in a block in the middle (data_hash), the newest block changed with its
 * data_hash rewritten to match (no later block links to it: the orderers'
 * signatures over its header tell), and a removed block file (a gap).
 * Verification receipts from the real gateway check out with `idcard audit
 * receipt` offline, on a ledger copy and online; one changed byte, or a
 * genuinely signed transaction that never reached the ledger, is refused.
 * The auditor's gateway endpoints (POST /v1/audit/receipt-checks and
 * /v1/audit/replays) give the same answers over HTTP.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildReceipt,
  type AuditReport,
  type IntegrityFinding,
  type ReceiptOutcome,
  type VerificationReceipt,
} from '@idcard/audit';
import type { Card, VerificationRecord } from '@idcard/common';
import { networkDown, type ResolvedConfig } from '@idcard/network';
import { idNumberFor } from '@idcard/gateway/testing';
import { expectStatus, type CommittedAnswer } from '../support/api-client';
import { copyPeerLedger, runAuditCli, type CliRun } from '../support/audit-cli';
import { heightReader, waitForPeersLevel } from '../support/fabric-heights';
import { startFullNetwork, type FullNetwork } from '../support/full-network';
import { changeTransaction, splitBlockfile } from '../support/ledger-tamper';
import { endorsedUnsentVerification } from '../support/unsent-transaction';
import type { ReceiptReport } from '@idcard/cli';

const HOLDER = { idNumber: idNumberFor('110105', '19880512', '231'), name: '测试丙三' };
const PRINTED = { validFrom: '2020-06-01', validUntil: '2040-06-01' };
const UNIT_CALLER = 'unit-lib-0001';
/** The report of a clean replay of the ledger the suite writes: one card, LOST; two verifications. */
const CLEAN_REPLAY = {
  ok: true,
  integrity: { ok: true, failures: [] },
  stateComparison: { performed: true, differences: [] },
  cards: { total: 1, byState: { LOST: 1 } },
  verifications: { total: 2, byResult: { VALID: 1, INVALID: 1 } },
};

/** A verification answer: the committed record and its receipt. */
type Verified = CommittedAnswer<VerificationRecord> & { readonly receipt: VerificationReceipt };

describe('the auditor’s replay on a real network and on tampered copies of its ledger', () => {
  let cfg: ResolvedConfig | undefined;
  let net: FullNetwork;
  let work = '';
  /** The verification in a block in the middle of the chain, and the newest one (in the newest block). */
  let middle: Verified;
  let newest: Verified;

  const keyOf = (caller: string): string => {
    const k = net.keys[caller];
    if (k === undefined) throw new Error(`no API key for ${caller}`);
    return k;
  };

  const verify = async (): Promise<Verified> =>
    expectStatus(
      await net.api.post<Verified>('/v1/verifications', keyOf(UNIT_CALLER), {
        ...HOLDER,
        ...PRINTED,
        purpose: 'LIBRARY_MEMBERSHIP',
      }),
      200,
    );

  /** Runs `idcard audit replay` with `args`; the JSON report when it wrote one. */
  const audit = (args: readonly string[]): CliRun<AuditReport> =>
    runAuditCli<AuditReport>(net.cfg, work, ['replay', ...args, '--quiet']);

  /** A fresh copy of the public security peer's ledger; the channel's block-file folder in it. */
  const ledgerCopy = (name: string): string => copyPeerLedger(net.cfg, work, name);

  beforeAll(async () => {
    net = await startFullNetwork('audit', (c) => {
      cfg = c;
    });
    work = mkdtempSync(join(process.env.IDCARD_TEST_RUN_DIR ?? tmpdir(), 'audit-work-'));
    const card = expectStatus(
      await net.api.post<CommittedAnswer<Card>>('/v1/cards', keyOf('officer1'), {
        ...HOLDER,
        ...PRINTED,
        kind: 'RESIDENT_CARD',
        reasonCode: 'FIRST_ISSUE',
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      }),
      201,
    );
    middle = await verify();
    expectStatus(
      await net.api.post(`/v1/cards/${card.result.cardRef}/report-lost`, keyOf('officer1'), {
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
      }),
      200,
    );
    newest = await verify();
    expect(newest.result).toMatchObject({ result: 'INVALID', reason: 'LOST' });
    await waitForPeersLevel(net.cfg, heightReader(net.cfg), newest.blockNumber + 1);
  }, 900_000);

  afterAll(async () => {
    if (cfg !== undefined) await networkDown(cfg);
    if (work !== '') rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it('replays online as the auditor: the rebuilt state equals the world state', () => {
    const run = audit(['--online', '--data-dir', net.cfg.dataDir, '--base-port', String(net.cfg.basePort)]);

    // Status 0 is a clean audit (1 findings, 2 unusable); stderr shows in the diff when it is not.
    expect({ status: run.status, stderr: run.stderr }).toMatchObject({ status: 0 });
    expect(run.report).toMatchObject(CLEAN_REPLAY);
    expect(run.report?.blocks.lastBlock).toBeGreaterThanOrEqual(newest.blockNumber);
  }, 300_000);

  /** Changes the transaction of `answer` in the copy `dir`, replays it (status 1) and returns the findings. */
  const findingsAfterChange = (
    dir: string,
    answer: Verified,
    rewriteDataHash: boolean,
  ): readonly IntegrityFinding[] | undefined => {
    changeTransaction(dir, answer.blockNumber, answer.txId, rewriteDataHash);
    const run = audit(['--ledger-dir', dir]);
    expect(run.status).toBe(1);
    return run.report?.integrity.failures;
  };

  /** The finding that names the changed transaction of `answer`. */
  const namedTransaction = (answer: Verified): unknown =>
    expect.objectContaining({
      kind: 'transaction-tampered',
      blockNumber: answer.blockNumber,
      txId: answer.txId,
    });

  it('names the transaction changed in a block in the middle of the chain (its data_hash fails)', () => {
    const findings = findingsAfterChange(ledgerCopy('middle'), middle, false);

    expect(findings).toEqual([
      expect.objectContaining({ kind: 'data-hash', blockNumber: middle.blockNumber }),
      namedTransaction(middle),
    ]);
  }, 120_000);

  it('names the transaction changed in the newest block with its data_hash rewritten, by the orderers’ signatures', () => {
    const dir = ledgerCopy('newest');
    const clean = audit(['--ledger-dir', dir]);
    expect({ status: clean.status, lastBlock: clean.report?.blocks.lastBlock }).toEqual({
      status: 0,
      lastBlock: newest.blockNumber,
    });

    const findings = findingsAfterChange(dir, newest, true);

    expect(findings).toEqual([
      expect.objectContaining({ kind: 'orderer-signature', blockNumber: newest.blockNumber }),
      namedTransaction(newest),
    ]);
  }, 120_000);

  it('reports the blocks of a removed block file as missing, naming their numbers', () => {
    const dir = ledgerCopy('removed');
    const [from, to] = [middle.blockNumber, newest.blockNumber];
    splitBlockfile(dir, [from, to]);
    const split = audit(['--ledger-dir', dir]);
    expect({ status: split.status, ok: split.report?.ok }).toEqual({ status: 0, ok: true });
    rmSync(join(dir, 'blockfile_000001'));

    const run = audit(['--ledger-dir', dir]);

    expect(run.status).toBe(1);
    expect(run.report?.integrity.failures).toEqual([
      expect.objectContaining({
        kind: 'missing-blocks',
        blockNumber: to,
        message: `block(s) ${from === to - 1 ? `${from}` : `${from}..${to - 1}`} missing before block ${to}`,
      }),
    ]);
  }, 120_000);

  /** Writes `text` as a receipt file and runs `idcard audit receipt FILE --data-dir DIR` with `args`. */
  const checkReceiptFile = (
    name: string,
    text: string,
    args: readonly string[] = [],
  ): CliRun<ReceiptReport> => {
    const file = join(work, `${name}.receipt.json`);
    writeFileSync(file, text);
    return runAuditCli<ReceiptReport>(net.cfg, work, [
      'receipt',
      file,
      '--data-dir',
      net.cfg.dataDir,
      ...args,
    ]);
  };
  const online = (): string[] => ['--online', '--base-port', String(net.cfg.basePort)];

  it('a receipt from a real verification checks out offline, on a copy of the ledger and online', () => {
    const { receipt } = middle;
    expect(receipt).toMatchObject({
      txId: middle.txId,
      blockNumber: middle.blockNumber,
      record: middle.result,
    });
    const text = JSON.stringify(receipt, null, 2);
    expect([text.includes(HOLDER.idNumber), text.includes(HOLDER.name)]).toEqual([false, false]);

    const offline = checkReceiptFile('real', text);
    const onCopy = checkReceiptFile('real', text, ['--ledger-dir', ledgerCopy('receipts')]);
    const live = checkReceiptFile('real', text, online());

    expect(offline).toMatchObject({ status: 0, report: { accepted: true, problems: [] } });
    expect(offline.report?.signatures?.creator?.mspId).toBe('RelyingPartyMSP');
    expect(offline.report?.signatures?.endorsers.length).toBeGreaterThan(0);
    expect(offline.stdout).toContain('ACCEPTED');
    expect(onCopy).toMatchObject({
      status: 0,
      report: { accepted: true, ledger: { ok: true, validation: 'VALID' } },
    });
    expect(live).toMatchObject({
      status: 0,
      report: { accepted: true, ledger: { ok: true, validation: 'VALID', location: 'deliver' } },
    });
  }, 120_000);

  /** The receipt with one byte of its transaction changed (in the endorsed result: `VALID` → `VXLID`). */
  const withTransactionByteChanged = (receipt: VerificationReceipt): VerificationReceipt => {
    const transaction = Buffer.from(receipt.transaction, 'base64');
    transaction[transaction.indexOf('"result":"VALID"') + 10] = 'X'.charCodeAt(0);
    return { ...receipt, transaction: transaction.toString('base64') };
  };
  /** What refuses the receipt of `middle` with a byte of its transaction changed. */
  const changedTransactionProblems = (): string[] => [
    'creator: signature mismatch',
    `transaction ${middle.txId} in block ${middle.blockNumber} differs from the receipt's`,
  ];

  it('refuses the same receipt with one byte changed, giving the reason', () => {
    const text = JSON.stringify(middle.receipt, null, 2);
    const inRecord = text.replace('"result": "VALID"', '"result": "VALIX"');
    const inTransaction = JSON.stringify(withTransactionByteChanged(middle.receipt));

    const recordRun = checkReceiptFile('byte-in-record', inRecord);
    const transactionRun = checkReceiptFile('byte-in-transaction', inTransaction, online());

    expect(inRecord.length).toBe(text.length);
    expect(recordRun).toMatchObject({
      status: 1,
      report: { accepted: false, problems: ['the record differs from the result the peers endorsed'] },
    });
    expect(recordRun.stdout).toContain('REFUSED');
    expect(transactionRun.status).toBe(1);
    expect(transactionRun.report?.problems).toEqual(expect.arrayContaining(changedTransactionProblems()));
  }, 120_000);

  it('refuses a receipt for a transaction that is not on the ledger, though every signature in it is genuine', async () => {
    const unsent = await endorsedUnsentVerification(net.cfg, UNIT_CALLER);
    const receipt = buildReceipt(unsent.txId, middle.blockNumber, unsent.envelope);
    const text = JSON.stringify(receipt);
    const beyond = JSON.stringify({ ...receipt, blockNumber: newest.blockNumber + 1000 });

    const offline = checkReceiptFile('unsent', text);
    const live = checkReceiptFile('unsent', text, online());
    const onCopy = checkReceiptFile('unsent', text, ['--ledger-dir', ledgerCopy('unsent')]);
    const liveBeyond = checkReceiptFile('unsent-beyond', beyond, online());

    expect(offline).toMatchObject({ status: 0, report: { accepted: true } });
    const notInBlock = `transaction ${unsent.txId} is not in block ${middle.blockNumber}`;
    expect(live).toMatchObject({ status: 1, report: { accepted: false, problems: [notInBlock] } });
    expect(onCopy).toMatchObject({ status: 1, report: { accepted: false, problems: [notInBlock] } });
    expect(liveBeyond.status).toBe(1);
    expect(liveBeyond.report?.problems[0]).toMatch(
      new RegExp(`^block ${String(newest.blockNumber + 1000)} is not on the ledger \\(height \\d+\\)$`),
    );
  }, 120_000);

  it('checks receipts and replays through the public security gateway, as the auditor', async () => {
    const auditor = keyOf('auditor1');
    const checkReceipt = async (receipt: VerificationReceipt): Promise<ReceiptOutcome> =>
      expectStatus(await net.api.post<ReceiptOutcome>('/v1/audit/receipt-checks', auditor, { receipt }), 200);

    const real = await checkReceipt(middle.receipt);
    const changed = await checkReceipt(withTransactionByteChanged(middle.receipt));
    const replay = expectStatus(
      await net.api.post<{ report: AuditReport }>('/v1/audit/replays', auditor),
      200,
    );

    expect(net.gatewayOf('auditor1').org).toBe('publicsecurity');
    expect(real).toMatchObject({
      accepted: true,
      problems: [],
      txId: middle.txId,
      signatures: { ok: true, creator: { mspId: 'RelyingPartyMSP' } },
      ledger: { ok: true, validation: 'VALID', location: 'deliver' },
    });
    expect(changed.accepted).toBe(false);
    expect(changed.problems).toEqual(expect.arrayContaining(changedTransactionProblems()));
    expect(replay.report).toMatchObject(CLEAN_REPLAY);
    expect(replay.report.blocks.lastBlock).toBeGreaterThanOrEqual(newest.blockNumber);
  }, 300_000);
});
