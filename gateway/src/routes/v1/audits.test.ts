import type { ReceiptOutcome } from '@idcard/audit';
import { cleanReport, wellFormedReceipt } from '../../test-support/fake-audit';
import { testGateway, type TestGateway } from '../../test-support/test-gateway';
import { REPLAY_READS_PER_WORK_UNIT } from './audits';

const RECEIPT_CHECKS = '/v1/audit/receipt-checks';
const REPLAYS = '/v1/audit/replays';

interface ProblemBody {
  type: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

describe('the auditors’ endpoints', () => {
  let gw: TestGateway;
  afterEach(async () => {
    await gw.app.close();
  });

  const checkReceipt = (receipt: unknown, who: 'auditor' | 'officer' | 'verifier' = 'auditor') =>
    gw.app.inject({ method: 'POST', url: RECEIPT_CHECKS, headers: gw.auth(who), payload: { receipt } });
  const replay = (who: 'auditor' | 'officer' | 'verifier' = 'auditor') =>
    gw.app.inject({ method: 'POST', url: REPLAYS, headers: gw.auth(who) });

  describe('with an audit port', () => {
    beforeEach(async () => {
      gw = await testGateway({ rateLimit: { perCaller: 5 } });
    });

    it('passes a receipt check to the port as the calling auditor and answers its outcome as it is', async () => {
      const outcome: ReceiptOutcome = {
        accepted: false,
        problems: ['creator: signature mismatch', `transaction ${'a'.repeat(64)} is not in block 7`],
        txId: 'a'.repeat(64),
        blockNumber: 7,
        signatures: {
          ok: false,
          problems: ['creator: signature mismatch'],
          endorsers: [{ mspId: 'PublicSecurityMSP', subject: 'CN=peer0' }],
        },
        ledger: {
          ok: false,
          problems: [`transaction ${'a'.repeat(64)} is not in block 7`],
          location: 'deliver',
        },
      };
      gw.audit.outcome = outcome;

      const res = await checkReceipt(wellFormedReceipt());

      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(outcome);
      expect(gw.audit.receiptChecks.map((c) => [c.identity.id, c.receipt])).toEqual([
        ['auditor-1', wellFormedReceipt()],
      ]);
    });

    const withoutEndorsements: Record<string, unknown> = { ...wellFormedReceipt() };
    delete withoutEndorsements.endorsements;
    it.each([
      ['a txId that is not 64 hex digits', { ...wellFormedReceipt(), txId: 'abc' }, 'body/receipt/txId'],
      ['another kind of document', { ...wellFormedReceipt(), kind: 'invoice' }, 'body/receipt/kind'],
      ['a later format version', { ...wellFormedReceipt(), version: 2 }, 'body/receipt/version'],
      [
        'a transaction that is not base64',
        { ...wellFormedReceipt(), transaction: '**' },
        'body/receipt/transaction',
      ],
      ['a negative block number', { ...wellFormedReceipt(), blockNumber: -1 }, 'body/receipt/blockNumber'],
      ['no endorsements', withoutEndorsements, 'body/receipt'],
      ['a field receipts do not have', { ...wellFormedReceipt(), note: 'x' }, 'body/receipt'],
    ])(
      'refuses a receipt with %s as a validation problem naming the field, asking nothing',
      async (_l, receipt, path) => {
        const res = await checkReceipt(receipt);

        expect(res.statusCode).toBe(400);
        const body = res.json<ProblemBody>();
        expect(body.type).toBe('urn:idcard:problem:validation');
        expect(body.errors?.map((e) => e.path)).toEqual([path]);
        expect(gw.audit.receiptChecks).toHaveLength(0);
      },
    );

    it('refuses a receipt that is not an object before reading it', async () => {
      const res = await checkReceipt('{"kind":"idcard-verification-receipt"}');

      expect(res.statusCode).toBe(400);
      expect(res.json<ProblemBody>().errors?.[0]?.path).toBe('body/receipt');
      expect(gw.audit.receiptChecks).toHaveLength(0);
    });

    it.each(['officer', 'verifier'] as const)('refuses both to the %s role, asking nothing', async (who) => {
      const answers = [await checkReceipt(wellFormedReceipt(), who), await replay(who)];

      expect(answers.map((a) => [a.statusCode, a.json<ProblemBody>().type])).toEqual([
        [403, 'urn:idcard:problem:forbidden'],
        [403, 'urn:idcard:problem:forbidden'],
      ]);
      expect([gw.audit.receiptChecks.length, gw.audit.replays.length]).toEqual([0, 0]);
    });

    it('answers the replay’s report as it is, replayed as the calling auditor', async () => {
      const report = {
        ...cleanReport(),
        ok: false,
        integrity: { ok: false, failures: [{ kind: 'data-hash' }] },
      };
      gw.audit.report = report as unknown as typeof gw.audit.report;

      const res = await replay();

      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ report });
      expect(gw.audit.replays).toEqual([
        expect.objectContaining({ id: 'auditor-1', mspId: 'BigDataBureauMSP' }),
      ]);
    });

    it('refuses a second replay while one runs, with a conflict problem, and takes one after it', async () => {
      let release = (): void => undefined;
      gw.audit.hold = new Promise((resolve) => {
        release = resolve;
      });
      const first = replay();
      await new Promise((resolve) => setImmediate(resolve));

      const second = await replay();
      release();
      const firstAnswer = await first;
      gw.audit.hold = undefined;
      const third = await replay();

      expect(second.statusCode).toBe(409);
      expect(second.json<ProblemBody>().type).toBe('urn:idcard:problem:conflict');
      expect([firstAnswer.statusCode, third.statusCode]).toEqual([200, 200]);
      expect(gw.audit.replays).toHaveLength(2);
    });

    it('charges a work unit per batch of ledger reads after the first, and stops the replay when the budget is spent', async () => {
      // Budget 5: the request costs 1, then reads 101..400 cost 3 more (4 in all) ...
      gw.audit.replayReads = 4 * REPLAY_READS_PER_WORK_UNIT;
      const within = await replay();
      // ... leaving 1, which the next request takes: its second batch of reads is refused.
      const beyond = await replay();

      expect(within.statusCode).toBe(200);
      expect(beyond.statusCode).toBe(429);
      expect(beyond.json<ProblemBody>()).toMatchObject({
        type: 'urn:idcard:problem:rate-limited',
        detail: expect.stringContaining('ledger reads of the replay') as unknown,
      });
      expect(beyond.headers['retry-after']).toBeDefined();
    });
  });

  describe('without an audit port', () => {
    beforeEach(async () => {
      gw = await testGateway({ withoutAudit: true });
    });

    it('answers both with the audit-unavailable problem', async () => {
      const answers = [await checkReceipt(wellFormedReceipt()), await replay()];

      expect(answers.map((a) => [a.statusCode, a.json<ProblemBody>().type])).toEqual([
        [503, 'urn:idcard:problem:audit-unavailable'],
        [503, 'urn:idcard:problem:audit-unavailable'],
      ]);
    });
  });
});
