// Receipts come from the audit library's test support (real Fabric-format, endorsed transactions),
// imported by relative path: test-only code stays out of the audit package's door.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReceipt, channelBlocksDir, type VerificationReceipt } from '@idcard/audit';
import { createTestNetwork, tempDirs, TestLedger } from '@idcard/audit/testing';
import type { ReceiptReport } from './receipt-command';
import { idcardAudit } from './test-support/run-audit-cli';

const dirs = tempDirs();
const record = { recordId: 'vr-1', unitId: 'BANK-001', result: 'VALID', reason: null };
let dataDir: string;
let ledgerDir: string;
let receipt: VerificationReceipt;

beforeAll(() => {
  const network = createTestNetwork();
  const { publicSecurity, bigData, relyingParty } = network.orgs;
  // The organisations' MSP folders as `idcard up` leaves them in the data dir.
  dataDir = dirs.make();
  for (const [name, org] of [
    ['publicsecurity', publicSecurity],
    ['bigdata', bigData],
    ['relyingparty', relyingParty],
  ] as const) {
    const cacerts = join(dataDir, 'organisations', name, 'msp', 'cacerts');
    mkdirSync(cacerts, { recursive: true });
    writeFileSync(join(cacerts, 'ca-cert.pem'), org.caCertificate);
  }
  const ledger = new TestLedger(network);
  const endorsers = [publicSecurity.member('peer0'), bigData.member('peer0')];
  const response = JSON.stringify(record);
  const tx = ledger.endorse(network.verifier, '2026-03-01T08:00:00.000Z', [], { endorsers, response });
  ledger.cut();
  receipt = buildReceipt(tx.txId, 1, tx.envelope);
  ledgerDir = dirs.make();
  ledger.writeBlockfiles(channelBlocksDir(join(ledgerDir, 'ledgersData'), 'idcards'));
});
afterEach(() => {
  process.exitCode = undefined;
});
afterAll(() => {
  dirs.cleanup();
});

function receiptFile(content: unknown): string {
  const file = join(dirs.make(), 'receipt.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('idcard audit receipt', () => {
  it('exits 0 on a genuine receipt, naming the signers and the ledger entry', async () => {
    const run = await idcardAudit(
      'receipt',
      receiptFile(receipt),
      '--data-dir',
      dataDir,
      '--ledger-dir',
      ledgerDir,
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(': ACCEPTED\n');
    expect(run.stdout).toContain('  signed by RelyingPartyMSP');
    expect(run.stdout).toContain('  endorsed by PublicSecurityMSP');
    expect(run.stdout).toContain('  endorsed by BigDataBureauMSP');
    expect(run.stdout).toMatch(/ {2}ledger: VALID at blockfile_000000@\d+\n/);
  });

  it('exits 1 and prints the reason when the stated record was changed', async () => {
    const run = await idcardAudit(
      'receipt',
      receiptFile({ ...receipt, record: { ...record, result: 'INVALID' } }),
      '--data-dir',
      dataDir,
    );

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(': REFUSED\n');
    expect(run.stdout).toContain('  refused: the record differs from the result the peers endorsed\n');
  });

  it('exits 1 on a file that is not a receipt, saying why', async () => {
    const run = await idcardAudit('receipt', receiptFile({ kind: 'boarding-pass' }), '--data-dir', dataDir);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "refused: not a verification receipt: kind is not 'idcard-verification-receipt'",
    );
  });

  it('writes only the JSON report to stdout with --json -', async () => {
    const run = await idcardAudit('receipt', receiptFile(receipt), '--data-dir', dataDir, '--json', '-');

    const report = JSON.parse(run.stdout) as ReceiptReport;
    expect(report).toMatchObject({ accepted: true, problems: [], txId: receipt.txId, blockNumber: 1 });
    expect(report.ledger).toBeUndefined();
  });

  it('exits 2 with one line when the file cannot be read', async () => {
    const missing = join(dirs.make(), 'nope.json');

    const run = await idcardAudit('receipt', missing, '--data-dir', dataDir);

    expect(run.code).toBe(2);
    // One line (the file system error's message follows in parentheses outside jest's sandbox).
    expect(run.stderr).toMatch(new RegExp(`^idcard audit receipt: cannot read ${missing}( \\(.+\\))?\\n$`));
  });

  it('exits 2 when the data dir holds no CA certificates', async () => {
    const run = await idcardAudit('receipt', receiptFile(receipt), '--data-dir', dirs.make());

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^idcard audit receipt: no CA certificate of PublicSecurityMSP in /);
  });
});
