import '../test-support/quiet-logs';
import { cardSpec, ref } from '../test-support/fixtures';
import { compositeKey } from '../test-support/fake-stub';
import { contracts, Harness } from '../test-support/harness';
import { callers } from '../test-support/identities';

const { fraud, verification } = contracts;
const bank = callers.verifier('BANK-001');
const spec = cardSpec('holder');

async function withRecord() {
  const h = new Harness();
  await h.registerUnit('BANK-001');
  await h.registerUnit('BANK-002');
  await h.issue(spec);
  const record = await h.run(bank, (ctx) =>
    verification.VerifyCard(
      ctx,
      'v1',
      'ACCOUNT_OPENING',
      spec.cardRef,
      spec.personRef,
      ref('wrong-name'),
      spec.validFrom,
      spec.validUntil,
    ),
  );
  return { h, record };
}

describe('fraud: ReportFraud', () => {
  it('files a report about the unit own verification and emits FraudReported', async () => {
    const { h, record } = await withRecord();
    const txTime = h.now;
    const report = await h.run(bank, (ctx) =>
      fraud.ReportFraud(ctx, 'f1', spec.cardRef, 'IMPERSONATION', record.recordId),
    );
    const txId = h.last?.getTxID() ?? '';
    expect(report).toEqual({
      reportId: `${txId}.0`,
      requestId: 'f1',
      unitId: 'BANK-001',
      cardRef: spec.cardRef,
      category: 'IMPERSONATION',
      recordId: record.recordId,
      txId,
      txTime,
      replayed: false,
    });
    expect(h.last?.events).toEqual([
      {
        name: 'FraudReported',
        payload: {
          reportId: report.reportId,
          unitId: 'BANK-001',
          cardRef: spec.cardRef,
          category: 'IMPERSONATION',
        },
      },
    ]);
    expect(h.world.json(compositeKey('fraud~request', ['BANK-001', 'f1']))).toEqual({
      txTime,
      reportId: report.reportId,
    });
  });

  it('files a report without a record, and replays a repeated request id writing nothing', async () => {
    const { h } = await withRecord();
    const first = await h.run(bank, (ctx) => fraud.ReportFraud(ctx, 'f1', spec.cardRef, 'FORGED_CARD', ''));
    expect(first.recordId).toBeNull();
    const again = await h.run(bank, (ctx) => fraud.ReportFraud(ctx, 'f1', spec.cardRef, 'FORGED_CARD', ''));
    expect(again).toEqual({ ...first, replayed: true });
    expect(h.last?.wroteNothing()).toBe(true);
  });

  it('refuses a repeated request id with another category, card or record with IDEMPOTENCY_MISMATCH', async () => {
    const { h, record } = await withRecord();
    await h.run(bank, (ctx) => fraud.ReportFraud(ctx, 'f1', spec.cardRef, 'FORGED_CARD', ''));
    const changes: [string, string, string][] = [
      [spec.cardRef, 'OTHER', ''],
      [ref('another'), 'FORGED_CARD', ''],
      [spec.cardRef, 'FORGED_CARD', record.recordId],
    ];
    for (const [cardRef, category, recordId] of changes) {
      const refused = await h.refuse(bank, (ctx) =>
        fraud.ReportFraud(ctx, 'f1', cardRef, category, recordId),
      );
      expect(refused).toMatchObject({
        code: 'IDEMPOTENCY_MISMATCH',
        message: 'IDEMPOTENCY_MISMATCH: request id f1 was first used for another request',
      });
    }
  });

  it("refuses another unit's record (as NOT_FOUND, like a missing one), a record of another card, an unknown record and bad arguments", async () => {
    const { h, record } = await withRecord();
    const other = callers.verifier('BANK-002');
    const codes = [
      (await h.refuse(other, (ctx) => fraud.ReportFraud(ctx, 'f', spec.cardRef, 'OTHER', record.recordId)))
        .code,
      (await h.refuse(bank, (ctx) => fraud.ReportFraud(ctx, 'f', ref('another'), 'OTHER', record.recordId)))
        .code,
      (
        await h.refuse(bank, (ctx) =>
          fraud.ReportFraud(ctx, 'f', spec.cardRef, 'OTHER', `${'b'.repeat(64)}.0`),
        )
      ).code,
      (await h.refuse(bank, (ctx) => fraud.ReportFraud(ctx, 'f', spec.cardRef, 'OTHER', 'rec'))).code,
      (await h.refuse(bank, (ctx) => fraud.ReportFraud(ctx, 'f', spec.cardRef, 'THEFT', ''))).code,
      (await h.refuse(bank, (ctx) => fraud.ReportFraud(ctx, 'f f', spec.cardRef, 'OTHER', ''))).code,
      (await h.refuse(bank, (ctx) => fraud.ReportFraud(ctx, 'f', 'card', 'OTHER', ''))).code,
    ];
    expect(codes).toEqual([
      'NOT_FOUND',
      'VALIDATION',
      'NOT_FOUND',
      'VALIDATION',
      'VALIDATION',
      'VALIDATION',
      'VALIDATION',
    ]);
  });
});

describe('fraud: ListFraudReports', () => {
  it('pages reports oldest first', async () => {
    const { h } = await withRecord();
    for (const id of ['a', 'b', 'c']) {
      await h.run(bank, (ctx) => fraud.ReportFraud(ctx, id, spec.cardRef, 'OTHER', ''));
    }
    const first = await h.run(callers.officer(), (ctx) => fraud.ListFraudReports(ctx, '2', ''));
    expect(first.items.map((r) => r.requestId)).toEqual(['a', 'b']);
    expect(first.items.every((r) => !r.replayed)).toBe(true);
    const second = await h.run(callers.auditor(), (ctx) => fraud.ListFraudReports(ctx, '2', first.bookmark));
    expect(second).toMatchObject({ bookmark: '', pageSize: 2 });
    expect(second.items.map((r) => r.requestId)).toEqual(['c']);
    expect((await h.refuse(callers.officer(), (ctx) => fraud.ListFraudReports(ctx, '1000', ''))).code).toBe(
      'VALIDATION',
    );
  });
});
