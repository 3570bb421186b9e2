// Real-format Fabric block files come from the audit library's test support, imported by relative
// path: it is test-only code and stays out of the audit package's door.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { common } from '@hyperledger/fabric-protos';
import { channelBlocksDir, type AuditReport } from '@idcard/audit';
import { buildScenario, createTestNetwork, tempDirs, type Scenario } from '@idcard/audit/testing';
import { idcardAudit } from './test-support/run-audit-cli';

const dirs = tempDirs();
let scenario: Scenario;

beforeAll(() => {
  scenario = buildScenario(createTestNetwork());
});
afterEach(() => {
  process.exitCode = undefined;
});
afterAll(() => {
  dirs.cleanup();
});

/** A peer's file system path holding `ledgersData/chains/chains/idcards/blockfile_*`. */
function peerLedger(blocks: readonly common.Block[] = scenario.ledger.blocks): string {
  const root = dirs.make();
  scenario.ledger.writeBlockfiles(channelBlocksDir(join(root, 'ledgersData'), 'idcards'), blocks, 4000);
  return root;
}

const idcard = idcardAudit;

const readReport = (file: string): AuditReport => JSON.parse(readFileSync(file, 'utf8')) as AuditReport;

describe('idcard audit replay (offline)', () => {
  it('exits 0 on a clean ledger, prints the summary on stdout and progress on stderr', async () => {
    const json = join(dirs.make(), 'report.json');

    const run = await idcard('replay', '--ledger-dir', peerLedger(), '--json', json);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Audit of namespace idcard: OK');
    expect(run.stdout).toContain('Blocks replayed: 6 (last block 5)');
    expect(run.stderr).toMatch(/^replay: block 5, 6 block\(s\), 19 transaction\(s\), .*, done$/m);
    const report = readReport(json);
    expect(report.ok).toBe(true);
    expect(report.blocks).toEqual({ replayed: 6, lastBlock: 5 });
    expect(report.transactions.total).toBe(19);
    expect(report.verifications.byResult).toEqual({ VALID: 2, INVALID: 2, DENIED: 1 });
    expect(report.cards.total).toBe(4);
  });

  it('writes only the JSON report to stdout with --json - --quiet', async () => {
    const run = await idcard('replay', '--ledger-dir', peerLedger(), '--json', '-', '--quiet');

    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as AuditReport).units.total).toBe(2);
    expect(run.stderr).toBe('');
  });

  it('exits 1 and names the block and transaction when one byte inside a transaction is changed', async () => {
    const root = peerLedger(scenario.ledger.blocks);
    const channelDir = channelBlocksDir(join(root, 'ledgersData'), 'idcards');
    scenario.ledger.writeBlockfiles(channelDir, scenario.ledger.blocks, 64 * 1024 * 1024);
    const file = join(channelDir, 'blockfile_000000');
    const bytes = readFileSync(file);
    const target = scenario.ledger.blocks[2]!.getData()!.getDataList_asU8()[2]!;
    const inValue = bytes.indexOf(Buffer.from('LOAN_APPLICATION'), bytes.indexOf(Buffer.from(target)));
    bytes[inValue] = 'X'.charCodeAt(0);
    writeFileSync(file, bytes);
    const json = join(dirs.make(), 'report.json');

    const run = await idcard('replay', '--ledger-dir', channelDir, '--json', json, '--quiet');

    expect(run.code).toBe(1);
    const txId = common.ChannelHeader.deserializeBinary(
      common.Payload.deserializeBinary(common.Envelope.deserializeBinary(target).getPayload_asU8())
        .getHeader()!
        .getChannelHeader_asU8(),
    ).getTxId();
    const report = readReport(json);
    expect(report.ok).toBe(false);
    expect(report.integrity.failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'transaction-tampered', blockNumber: 2, txIndex: 2, txId }),
      ]),
    );
  });

  it('gives the same final report after a checkpoint run and an incremental run as a full run', async () => {
    const out = dirs.make();
    const checkpoint = join(out, 'audit.checkpoint.json');
    const full = join(out, 'full.json');
    const incremental = join(out, 'incremental.json');
    const ledger = peerLedger();

    const first = await idcard(
      'replay',
      '--ledger-dir',
      peerLedger(scenario.ledger.blocks.slice(0, 3)),
      '--checkpoint',
      checkpoint,
      '--quiet',
    );
    const second = await idcard(
      'replay',
      '--ledger-dir',
      ledger,
      '--checkpoint',
      checkpoint,
      '--json',
      incremental,
    );
    await idcard('replay', '--ledger-dir', ledger, '--json', full, '--quiet');

    expect([first.code, second.code]).toEqual([0, 0]);
    expect(second.stderr).toContain('block 5, 3 block(s)');
    expect(readReport(incremental)).toEqual(readReport(full));
  });

  it('exits 2 with one clear line when the ledger directory does not exist', async () => {
    const missing = join(dirs.make(), 'nope');

    const run = await idcard('replay', '--ledger-dir', missing);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`idcard audit replay: --ledger-dir ${missing} does not exist\n`);
    expect(run.stdout).toBe('');
  });

  it('exits 2 when the directory holds no block files of the channel', async () => {
    const run = await idcard('replay', '--ledger-dir', peerLedger(), '--channel', 'other');

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^idcard audit replay: no blockfile_\* for channel other in /);
  });

  it('exits 2 on an unreadable checkpoint and leaves it as it was', async () => {
    const checkpoint = join(dirs.make(), 'audit.checkpoint.json');
    writeFileSync(checkpoint, '{ not json');

    const run = await idcard('replay', '--ledger-dir', peerLedger(), '--checkpoint', checkpoint);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^idcard audit replay: checkpoint .* is not JSON \(.+\)\n$/);
    expect(readFileSync(checkpoint, 'utf8')).toBe('{ not json');
  });

  it('exits 2 without --ledger-dir or --online', async () => {
    const run = await idcard('replay');

    expect(run.code).toBe(2);
    expect(run.stderr).toBe('idcard audit replay: --ledger-dir DIR (or --online) is required\n');
  });

  it('exits 2 (not 1, which means findings) on an unknown option', async () => {
    const run = await idcard('replay', '--no-such-option');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--no-such-option'");
  });
});

describe('idcard audit accountability', () => {
  const accountability = (unit: string, from: string, to: string, ...rest: string[]) =>
    idcard(
      'accountability',
      '--ledger-dir',
      peerLedger(),
      '--unit',
      unit,
      '--from',
      from,
      '--to',
      to,
      ...rest,
    );

  it("counts one unit's verifications in [from, to) and writes them as JSON", async () => {
    const json = join(dirs.make(), 'accountability.json');

    const run = await accountability(
      'BANK-001',
      '2026-03-01T08:00:00Z',
      '2026-03-01T08:10:00Z',
      '--json',
      json,
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Accountability 2026-03-01T08:00:00.000Z .. 2026-03-01T08:10:00.000Z: 3 verification(s), 0 denied',
    );
    const report = JSON.parse(readFileSync(json, 'utf8')) as {
      units: object[];
      totals: object;
      integrity: { ok: boolean };
    };
    expect(report.units).toEqual([
      expect.objectContaining({
        unitId: 'BANK-001',
        total: 3,
        byResult: { VALID: 1, INVALID: 2 },
        byPurpose: { ACCOUNT_OPENING: 2, LOAN_APPLICATION: 1 },
        invalidByReason: { LOST: 1, STOLEN: 1 },
      }),
    ]);
    expect(report.totals).toEqual({ verifications: 3, denied: 0 });
    expect(report.integrity.ok).toBe(true);
  });

  it('counts denials of a suspended unit', async () => {
    const run = await accountability('HOTEL-002', '2026-03-01', '2026-03-02', '--json', '-');

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(
      expect.objectContaining({ totals: { verifications: 1, denied: 1 } }),
    );
  });

  it('leaves out verifications at or after --to', async () => {
    const run = await accountability(
      'BANK-001',
      '2026-03-01T08:00:00Z',
      '2026-03-01T08:09:00Z',
      '--json',
      '-',
    );

    expect(JSON.parse(run.stdout)).toEqual(
      expect.objectContaining({ totals: { verifications: 2, denied: 0 } }),
    );
  });

  it('exits 2 on a time that is not an ISO instant', async () => {
    const run = await accountability('BANK-001', 'yesterday', '2026-03-02');

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "idcard audit accountability: --from must be a UTC ISO 8601 instant or date, not 'yesterday'\n",
    );
  });

  it('exits 1 and says so when the ledger it counts from fails the integrity checks', async () => {
    const blocks = scenario.ledger.blocks.filter((_, i) => i !== 3);
    const root = peerLedger(blocks);

    const run = await idcard(
      'accountability',
      '--ledger-dir',
      root,
      '--unit',
      'BANK-001',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-02',
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the ledger failed 1 integrity check(s)');
  });
});
