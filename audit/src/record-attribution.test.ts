import { buildAuditReport } from './audit-report';
import { blockfileSource } from './blockfile-source';
import { RecordAttributionCheck } from './record-attribution';
import { replayLedger } from './replay-ledger';
import { renderAuditReport } from './report-text';
import { ChaincodeModel, type VerifyItem } from './test-support/chaincode-model';
import { endorserTransaction } from './test-support/fabric-blocks';
import { tempDirs } from './test-support/temp-dir';
import { createTestNetwork, fabricCaMember, TestLedger, type TestNetwork } from './test-support/test-ledger';
import type { TestIdentity } from './test-support/test-pki';
import { decodeTransaction } from './transaction-decoder';

const dirs = tempDirs();
let network: TestNetwork;

beforeAll(() => {
  network = createTestNetwork();
});
afterAll(() => {
  dirs.cleanup();
});

const TIME = '2026-03-01T08:05:00.000Z';

const item = (unitId: string, requestId: string): VerifyItem => ({
  unitId,
  requestId,
  purpose: 'BOOK_LOAN',
  seed: 'alice-1',
  result: 'VALID',
  reason: null,
});

/** Block 1 holds the units; each call adds one block with `build`'s transactions. */
async function replayOf(build: (ledger: TestLedger, model: ChaincodeModel) => void) {
  const ledger = new TestLedger(network);
  const model = new ChaincodeModel();
  ledger.transact(network.operator, TIME, [
    ...model.unit('LIB-0001', 'ACTIVE', TIME),
    ...model.unit('LIB-0002', 'ACTIVE', TIME),
  ]);
  ledger.cut();
  build(ledger, model);
  ledger.cut();
  const dir = dirs.make();
  ledger.writeBlockfiles(dir);
  const result = await replayLedger({ source: blockfileSource({ channelDir: dir }) });
  return { result, report: buildAuditReport(result) };
}

/** The findings of one VALID transaction by `creator` writing `items`, checked directly. */
function findingsOf(creator: TestIdentity, items: readonly VerifyItem[]) {
  const model = new ChaincodeModel();
  const { envelope } = endorserTransaction('idcards', 'idcard', creator, TIME, (txId) =>
    model.verifyBatch(txId, TIME, items),
  );
  return new RecordAttributionCheck().check(decodeTransaction(3, envelope, 'idcard', true), 9);
}

describe('verification records against their creator’s certified unit', () => {
  it('flags a record written under another unit’s name, naming block, transaction, record and both units', async () => {
    let txId = '';
    const { report } = await replayOf((ledger, model) => {
      ledger.transact(network.verifierOf('LIB-0001'), TIME, (id) =>
        model.verify(id, TIME, 'LIB-0001', 'q-1', 'BOOK_LOAN', 'alice-1', 'VALID', null),
      );
      txId = ledger.transact(network.verifierOf('LIB-0002'), TIME, (id) =>
        model.verify(id, TIME, 'LIB-0001', 'q-2', 'BOOK_LOAN', 'alice-1', 'VALID', null),
      );
    });

    expect(report.ok).toBe(false);
    expect(report.integrity.failures).toEqual([
      {
        kind: 'record-unit-mismatch',
        blockNumber: 2,
        txIndex: 1,
        txId,
        location: expect.stringMatching(/^blockfile_000000@\d+$/) as unknown,
        message: `verification record ${txId}.0 claims unit LIB-0001; its creator is RelyingPartyMSP, role verifier, unit LIB-0002 (unit-differs)`,
        record: {
          recordId: `${txId}.0`,
          claimedUnit: 'LIB-0001',
          certifiedUnit: 'LIB-0002',
          creatorMspId: 'RelyingPartyMSP',
          creatorRole: 'verifier',
          problem: 'unit-differs',
        },
      },
    ]);
    const text = renderAuditReport(report);
    expect(text).toContain('Audit of namespace idcard: FAILED');
    expect(text).toContain(`record-unit-mismatch at block 2 tx 1`);
    expect(text).toContain(`verification record ${txId}.0 claims unit LIB-0001`);
  });

  it('accepts records written by their own unit’s verifier, single and batch', async () => {
    const { result, report } = await replayOf((ledger, model) => {
      ledger.transact(network.verifierOf('LIB-0001'), TIME, (id) =>
        model.verify(id, TIME, 'LIB-0001', 'q-1', 'BOOK_LOAN', 'alice-1', 'VALID', null),
      );
      ledger.transact(network.verifierOf('LIB-0002'), TIME, (id) =>
        model.verifyBatch(id, TIME, [item('LIB-0002', 'b-1'), item('LIB-0002', 'b-2')]),
      );
    });

    expect(report.ok).toBe(true);
    expect(report.integrity.failures).toEqual([]);
    expect(result.state.verifications.size).toBe(3);
  });

  it('flags only the forged item of a batch', async () => {
    let txId = '';
    const { report } = await replayOf((ledger, model) => {
      txId = ledger.transact(network.verifierOf('LIB-0001'), TIME, (id) =>
        model.verifyBatch(id, TIME, [
          item('LIB-0001', 'b-1'),
          item('LIB-0002', 'b-2'),
          item('LIB-0001', 'b-3'),
        ]),
      );
    });

    expect(report.ok).toBe(false);
    expect(
      report.integrity.failures.map((f) => [f.kind, f.blockNumber, f.txIndex, f.txId, f.record]),
    ).toEqual([
      [
        'record-unit-mismatch',
        2,
        0,
        txId,
        expect.objectContaining({
          recordId: `${txId}.1`,
          claimedUnit: 'LIB-0002',
          certifiedUnit: 'LIB-0001',
        }),
      ],
    ]);
  });

  it('ignores a forged record in a transaction the peers invalidated', async () => {
    const { result, report } = await replayOf((ledger) => {
      const shadow = new ChaincodeModel();
      ledger.transact(
        network.verifierOf('LIB-0002'),
        TIME,
        (id) => shadow.verify(id, TIME, 'LIB-0001', 'q-1', 'BOOK_LOAN', 'alice-1', 'VALID', null),
        10,
      );
    });

    expect(report.ok).toBe(true);
    expect(result.state.verifications.size).toBe(0);
  });

  it('flags a record whose creator is not a RelyingPartyMSP verifier certified for a unit, saying why', () => {
    const { relyingParty, publicSecurity } = network.orgs;
    const cases: [TestIdentity, string, string | null, string | null][] = [
      [
        publicSecurity.member(
          'officer-lib',
          fabricCaMember('officer-lib', { role: 'verifier', unit: 'LIB-0001' }),
        ),
        'foreign-msp',
        'verifier',
        'LIB-0001',
      ],
      [
        relyingParty.member(
          'auditor-lib',
          fabricCaMember('auditor-lib', { role: 'auditor', unit: 'LIB-0001' }),
        ),
        'not-verifier',
        'auditor',
        'LIB-0001',
      ],
      [
        relyingParty.member('no-unit', fabricCaMember('no-unit', { role: 'verifier' })),
        'no-unit-attribute',
        'verifier',
        null,
      ],
      [relyingParty.member('no-attributes'), 'not-verifier', null, null],
      [
        { ...network.verifierOf('LIB-0001'), certificate: 'not a certificate' },
        'unreadable-certificate',
        null,
        null,
      ],
    ];

    for (const [creator, problem, creatorRole, certifiedUnit] of cases) {
      const findings = findingsOf(creator, [item('LIB-0001', 'q-1')]);

      expect(findings).toEqual([
        expect.objectContaining({
          kind: 'record-unit-mismatch',
          blockNumber: 9,
          txIndex: 3,
          record: expect.objectContaining({
            claimedUnit: 'LIB-0001',
            certifiedUnit,
            creatorMspId: creator.mspId,
            creatorRole,
            problem,
          }) as unknown,
        }),
      ]);
    }
  });

  it('looks only at verification records, not at the indexes and other records a transaction writes', () => {
    const model = new ChaincodeModel();
    const { envelope } = endorserTransaction(
      'idcards',
      'idcard',
      network.verifierOf('LIB-0002'),
      TIME,
      (txId) => [
        ...model.reportFraud(txId, TIME, 'LIB-0001', 'alice-1', 'FORGED_CARD'),
        ...model.unit('LIB-0001', 'ACTIVE', TIME),
      ],
    );

    expect(new RecordAttributionCheck().check(decodeTransaction(0, envelope, 'idcard', true), 1)).toEqual([]);
  });
});
