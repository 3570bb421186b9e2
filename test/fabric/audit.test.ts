/**
 * The auditor's tools against a real network: `idcard audit replay --online`
 * as the configured auditor compares the rebuilt state with the world state;
 * copies of a peer's block files, changed as an attacker with disk access
 * would change them, are caught and the change named: a transaction changed
 * in a block in the middle (data_hash), the newest block changed with its
 * data_hash rewritten to match (no later block links to it: the orderers'
 * signatures over its header tell), and a removed block file (a gap).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channelBlocksDir, type AuditReport, type IntegrityFinding } from '@idcard/audit';
import { CHANNEL_NAME, MSP_IDS, type Card, type VerificationRecord } from '@idcard/common';
import { networkDown, nodeDataDirs, peerNodes, type ResolvedConfig } from '@idcard/network';
import { idNumberFor } from '../../gateway/src/test-support/id-numbers';
import { expectStatus, type CommittedAnswer } from '../support/api-client';
import { heightReader, waitForPeersLevel } from '../support/fabric-heights';
import { startFullNetwork, type FullNetwork } from '../support/full-network';
import { changeTransaction, splitBlockfile } from '../support/ledger-tamper';

const HOLDER = { idNumber: idNumberFor('110105', '19880512', '231'), name: '测试丙三' };
const PRINTED = { validFrom: '2020-06-01', validUntil: '2040-06-01' };
const UNIT_CALLER = 'unit-lib-0001';

interface CliRun {
  readonly status: number | null;
  readonly stderr: string;
  readonly report: AuditReport | undefined;
}

describe('the auditor’s replay on a real network and on tampered copies of its ledger', () => {
  let cfg: ResolvedConfig | undefined;
  let net: FullNetwork;
  let work = '';
  /** The verification in a block in the middle of the chain, and the newest one (in the newest block). */
  let middle: CommittedAnswer<VerificationRecord>;
  let newest: CommittedAnswer<VerificationRecord>;

  const keyOf = (caller: string): string => {
    const k = net.keys[caller];
    if (k === undefined) throw new Error(`no API key for ${caller}`);
    return k;
  };

  const verify = async (): Promise<CommittedAnswer<VerificationRecord>> =>
    expectStatus(
      await net.api.post<CommittedAnswer<VerificationRecord>>('/v1/verifications', keyOf(UNIT_CALLER), {
        ...HOLDER,
        ...PRINTED,
        purpose: 'LIBRARY_MEMBERSHIP',
      }),
      200,
    );

  /** Runs `idcard audit replay` with `args`; the JSON report when it wrote one. */
  const audit = (args: readonly string[]): CliRun => {
    const reportFile = join(work, `report-${String(Date.now())}.json`);
    const run = spawnSync(
      process.execPath,
      [
        join(net.cfg.projectRoot, 'scripts', 'bin', 'idcard.js'),
        'audit',
        'replay',
        ...args,
        '--json',
        reportFile,
        '--quiet',
      ],
      { cwd: net.cfg.projectRoot, encoding: 'utf8', timeout: 300_000 },
    );
    const report = existsSync(reportFile)
      ? (JSON.parse(readFileSync(reportFile, 'utf8')) as AuditReport)
      : undefined;
    return { status: run.status, stderr: run.stderr, report };
  };

  /** A fresh copy of the public security peer's ledger; the channel's block-file folder in it. */
  const ledgerCopy = (name: string): string => {
    const peer = peerNodes(net.cfg).find((p) => p.mspId === MSP_IDS.publicSecurity);
    if (peer === undefined) throw new Error('no public security peer');
    const copy = join(work, name);
    cpSync(nodeDataDirs(peer).ledger, copy, { recursive: true });
    const channelDir = channelBlocksDir(join(copy, 'ledgersData'), CHANNEL_NAME);
    expect(existsSync(join(channelDir, 'blockfile_000000'))).toBe(true);
    return channelDir;
  };

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
    expect(run.report).toMatchObject({
      ok: true,
      integrity: { ok: true, failures: [] },
      stateComparison: { performed: true, differences: [] },
      cards: { total: 1, byState: { LOST: 1 } },
      verifications: { total: 2, byResult: { VALID: 1, INVALID: 1 } },
    });
    expect(run.report?.blocks.lastBlock).toBeGreaterThanOrEqual(newest.blockNumber);
  }, 300_000);

  /** Changes the transaction of `answer` in the copy `dir`, replays it (status 1) and returns the findings. */
  const findingsAfterChange = (
    dir: string,
    answer: CommittedAnswer<VerificationRecord>,
    rewriteDataHash: boolean,
  ): readonly IntegrityFinding[] | undefined => {
    changeTransaction(dir, answer.blockNumber, answer.txId, rewriteDataHash);
    const run = audit(['--ledger-dir', dir]);
    expect(run.status).toBe(1);
    return run.report?.integrity.failures;
  };

  /** The finding that names the changed transaction of `answer`. */
  const namedTransaction = (answer: CommittedAnswer<VerificationRecord>): unknown =>
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
});
