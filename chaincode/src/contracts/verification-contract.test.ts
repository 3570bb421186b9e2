import '../test-support/quiet-logs';
import { LIMITS, MSP_IDS, type VerificationRecord } from '@idcard/common';
import { compositeKey } from '../test-support/fake-stub';
import { cardSpec, presented, ref, type CardSpec } from '../test-support/fixtures';
import { contracts, Harness } from '../test-support/harness';
import { callers } from '../test-support/identities';

const { cards, verification, units } = contracts;
const officer = callers.officer();
const auditor = callers.auditor();
const bank = callers.verifier('BANK-001');

function verify(h: Harness, spec: CardSpec, requestId: string, who = bank, purpose = 'ACCOUNT_OPENING') {
  return h.run(who, (ctx) =>
    verification.VerifyCard(
      ctx,
      requestId,
      purpose,
      spec.cardRef,
      spec.personRef,
      spec.nameCheck,
      spec.validFrom,
      spec.validUntil,
    ),
  );
}

async function world(): Promise<{ h: Harness; spec: CardSpec }> {
  const h = new Harness();
  await h.registerUnit('BANK-001', ['ACCOUNT_OPENING', 'LOAN_APPLICATION']);
  const spec = cardSpec('holder');
  await h.issue(spec);
  return { h, spec };
}

describe('verification: VerifyCard results', () => {
  it('answers VALID and records who asked, for what, when, under a key unique to the transaction', async () => {
    const { h, spec } = await world();
    const txTime = h.now;
    const record = await verify(h, spec, 'req-1');
    const txId = h.last?.getTxID() ?? '';
    expect(record).toEqual({
      recordId: `${txId}.0`,
      requestId: 'req-1',
      unitId: 'BANK-001',
      purpose: 'ACCOUNT_OPENING',
      channel: 'CARD',
      cardRef: spec.cardRef,
      result: 'VALID',
      reason: null,
      txId,
      txTime,
      replayed: false,
    });
    const stored = Object.fromEntries(Object.entries(record).filter(([field]) => field !== 'replayed'));
    expect(h.world.json(compositeKey('verification', [record.recordId]))).toEqual(stored);
    expect(h.last?.reads).toContain(compositeKey('card', [spec.cardRef]));
    expect(h.last?.events).toEqual([
      {
        name: 'CardVerified',
        payload: {
          recordId: record.recordId,
          unitId: 'BANK-001',
          cardRef: spec.cardRef,
          purpose: 'ACCOUNT_OPENING',
          result: 'VALID',
          reason: null,
        },
      },
    ]);
  });

  const mismatches: [string, Partial<CardSpec>, string][] = [
    ['an unknown cardRef', { cardRef: ref('unknown') }, 'NOT_FOUND'],
    ['another personRef', { personRef: ref('someone-else') }, 'NOT_FOUND'],
    ['another validFrom', { validFrom: '2020-01-16' }, 'NOT_FOUND'],
    ['another validUntil', { validUntil: 'LONG_TERM' }, 'NOT_FOUND'],
    ['another name check value', { nameCheck: ref('other-name') }, 'NAME_MISMATCH'],
    ['a wrong personRef and name', { personRef: ref('x'), nameCheck: ref('y') }, 'NOT_FOUND'],
  ];
  it.each(mismatches)('answers INVALID for %s', async (_name, override, reason) => {
    const { h, spec } = await world();
    const record = await verify(h, { ...spec, ...override }, 'req-1');
    expect(record).toMatchObject({ result: 'INVALID', reason });
    expect(h.world.json(compositeKey('verification', [record.recordId]))).toMatchObject({
      result: 'INVALID',
      reason,
    });
  });

  it.each([
    ['ReportLost', 'LOST'],
    ['ReportStolen', 'STOLEN'],
  ] as const)('answers INVALID with the state after %s', async (action, reason) => {
    const { h, spec } = await world();
    await h.run(officer, (ctx) => cards[action](ctx, spec.cardRef, h.ago(5)));
    expect(await verify(h, spec, 'r')).toMatchObject({ result: 'INVALID', reason });
  });

  it('answers INVALID/REVOKED and INVALID/REPLACED', async () => {
    const { h, spec } = await world();
    const other = cardSpec('other');
    await h.issue(other);
    await h.run(officer, (ctx) => cards.RevokeCard(ctx, spec.cardRef, 'DEATH', h.ago(5)));
    await h.issue({ ...other, cardRef: ref('other-new') }, 'RENEWAL');
    expect(await verify(h, spec, 'r1')).toMatchObject({ result: 'INVALID', reason: 'REVOKED' });
    expect(await verify(h, other, 'r2')).toMatchObject({ result: 'INVALID', reason: 'REPLACED' });
  });

  it('answers INVALID/EXPIRED past validity, but the state reason first for a LOST expired card', async () => {
    const h = new Harness().at('2026-02-01T00:00:00.000Z');
    await h.registerUnit();
    const expiring = cardSpec('e', { validFrom: '2016-03-01', validUntil: '2026-03-01' });
    const lost = cardSpec('l', { validFrom: '2016-03-01', validUntil: '2026-03-01' });
    await h.issue(expiring);
    await h.issue(lost);
    await h.run(officer, (ctx) => cards.ReportLost(ctx, lost.cardRef, h.ago(5)));
    h.at('2026-03-02T00:00:00.000Z');
    expect(await verify(h, expiring, 'r1')).toMatchObject({ result: 'INVALID', reason: 'EXPIRED' });
    expect(await verify(h, lost, 'r2')).toMatchObject({ result: 'INVALID', reason: 'LOST' });
    const wrongName = { ...lost, nameCheck: ref('nope') };
    expect(await verify(h, wrongName, 'r3')).toMatchObject({ result: 'INVALID', reason: 'NAME_MISMATCH' });
  });

  it('answers DENIED/UNIT_UNKNOWN before looking at the card, and records it', async () => {
    const { h } = await world();
    const stranger = callers.verifier('HOTEL-9');
    const record = await verify(h, cardSpec('nobody'), 'r', stranger);
    expect(record).toMatchObject({
      result: 'DENIED',
      reason: 'UNIT_UNKNOWN',
      unitId: 'HOTEL-9',
      cardRef: cardSpec('nobody').cardRef,
    });
    expect(h.last?.reads).not.toContain(compositeKey('card', [cardSpec('nobody').cardRef]));
    expect(h.world.json(compositeKey('verification', [record.recordId]))).toMatchObject({ result: 'DENIED' });
  });

  it('answers DENIED/UNIT_SUSPENDED before PURPOSE_NOT_ALLOWED, and PURPOSE_NOT_ALLOWED for an active unit', async () => {
    const { h, spec } = await world();
    expect(await verify(h, spec, 'r1', bank, 'HOTEL_CHECKIN')).toMatchObject({
      result: 'DENIED',
      reason: 'PURPOSE_NOT_ALLOWED',
    });
    await h.run(callers.operator(), (ctx) => units.SuspendUnit(ctx, 'BANK-001', 'AUDIT_PENDING'));
    expect(await verify(h, spec, 'r2', bank, 'HOTEL_CHECKIN')).toMatchObject({
      result: 'DENIED',
      reason: 'UNIT_SUSPENDED',
    });
    expect(await verify(h, spec, 'r3')).toMatchObject({ result: 'DENIED', reason: 'UNIT_SUSPENDED' });
  });

  it.each([
    ['requestId', ['has space', 'ACCOUNT_OPENING']],
    ['purpose', ['r', 'SHOPPING']],
  ])('refuses a malformed %s with VALIDATION', async (_name, [requestId, purpose]) => {
    const { h, spec } = await world();
    const error = await h.refuse(bank, (ctx) =>
      verification.VerifyCard(
        ctx,
        requestId ?? '',
        purpose ?? '',
        spec.cardRef,
        spec.personRef,
        spec.nameCheck,
        spec.validFrom,
        spec.validUntil,
      ),
    );
    expect(error.code).toBe('VALIDATION');
  });

  it('refuses a malformed presented card with VALIDATION', async () => {
    const { h, spec } = await world();
    const error = await h.refuse(bank, (ctx) =>
      verification.VerifyCard(
        ctx,
        'r',
        'ACCOUNT_OPENING',
        spec.cardRef,
        spec.personRef,
        spec.nameCheck,
        '2020-13-01',
        spec.validUntil,
      ),
    );
    expect(error.code).toBe('VALIDATION');
  });
});

describe('verification: idempotency of (unit, requestId)', () => {
  it('returns the first record with replayed=true and writes nothing, even after the card changed', async () => {
    const { h, spec } = await world();
    const first = await verify(h, spec, 'req-1');
    await h.run(officer, (ctx) => cards.ReportLost(ctx, spec.cardRef, h.ago(5)));
    const again = await verify(h, spec, 'req-1');
    expect(again).toEqual({ ...first, replayed: true });
    expect(h.last?.wroteNothing()).toBe(true);
  });

  it('keeps request ids of different units apart', async () => {
    const { h, spec } = await world();
    await h.registerUnit('BANK-002');
    const first = await verify(h, spec, 'req-1');
    const other = await verify(h, spec, 'req-1', callers.verifier('BANK-002'));
    expect(other.replayed).toBe(false);
    expect(other.recordId).not.toBe(first.recordId);
    expect(other.unitId).toBe('BANK-002');
  });
});

describe('verification: VerifyCards (bulk)', () => {
  it('writes one record and one request entry per item, records in item order, one event', async () => {
    const { h, spec } = await world();
    const items = [
      presented(spec, 'b-1'),
      presented(cardSpec('unknown'), 'b-2'),
      presented({ ...spec, nameCheck: ref('n') }, 'b-3'),
    ];
    const batch = await h.run(bank, (ctx) =>
      verification.VerifyCards(ctx, 'LOAN_APPLICATION', JSON.stringify(items)),
    );
    const txId = h.last?.getTxID() ?? '';
    expect(batch.records.map((r) => [r.recordId, r.requestId, r.result, r.reason, r.replayed])).toEqual([
      [`${txId}.0`, 'b-1', 'VALID', null, false],
      [`${txId}.1`, 'b-2', 'INVALID', 'NOT_FOUND', false],
      [`${txId}.2`, 'b-3', 'INVALID', 'NAME_MISMATCH', false],
    ]);
    for (const record of batch.records) {
      const entry = h.world.json(compositeKey('verification~request', ['BANK-001', record.requestId]));
      expect(entry).toMatchObject({ recordId: record.recordId });
      expect(Object.keys(entry as object).sort()).toEqual(['fingerprint', 'recordId']);
    }
    expect(h.last?.events).toEqual([
      {
        name: 'CardsVerified',
        payload: {
          unitId: 'BANK-001',
          purpose: 'LOAN_APPLICATION',
          records: batch.records.map(({ recordId, cardRef, result, reason }) => ({
            recordId,
            cardRef,
            result,
            reason,
          })),
        },
      },
    ]);
  });

  it('replays items already recorded (single or bulk) and records only the new ones', async () => {
    const { h, spec } = await world();
    const single = await verify(h, spec, 'x-1');
    const items = [presented(spec, 'x-1'), presented(spec, 'x-2')];
    const batch = await h.run(bank, (ctx) =>
      verification.VerifyCards(ctx, 'ACCOUNT_OPENING', JSON.stringify(items)),
    );
    expect(batch.records[0]).toEqual({ ...single, replayed: true });
    expect(batch.records[1]).toMatchObject({
      requestId: 'x-2',
      replayed: false,
      recordId: `${h.last?.getTxID() ?? ''}.1`,
    });
    expect(h.last?.events[0]?.payload).toMatchObject({ records: [{ recordId: batch.records[1]?.recordId }] });
    const repeat = await h.run(bank, (ctx) =>
      verification.VerifyCards(ctx, 'ACCOUNT_OPENING', JSON.stringify(items)),
    );
    expect(repeat.records.every((r) => r.replayed)).toBe(true);
    expect(h.last?.wroteNothing()).toBe(true);
  });

  it('denies every item of a suspended unit, each recorded', async () => {
    const { h, spec } = await world();
    await h.run(callers.operator(), (ctx) => units.SuspendUnit(ctx, 'BANK-001', 'FRAUD_SUSPECTED'));
    const items = [presented(spec, 'd-1'), presented(spec, 'd-2')];
    const batch = await h.run(bank, (ctx) =>
      verification.VerifyCards(ctx, 'ACCOUNT_OPENING', JSON.stringify(items)),
    );
    expect(batch.records.map((r) => [r.result, r.reason])).toEqual([
      ['DENIED', 'UNIT_SUSPENDED'],
      ['DENIED', 'UNIT_SUSPENDED'],
    ]);
  });

  it(`accepts ${LIMITS.maxBulkItems} items and refuses one more with LIMIT_EXCEEDED`, async () => {
    const { h, spec } = await world();
    const many = (n: number) =>
      JSON.stringify(Array.from({ length: n }, (_, i) => presented(spec, `m-${i}`)));
    const error = await h.refuse(bank, (ctx) =>
      verification.VerifyCards(ctx, 'ACCOUNT_OPENING', many(LIMITS.maxBulkItems + 1)),
    );
    expect(error.code).toBe('LIMIT_EXCEEDED');
    const batch = await h.run(bank, (ctx) =>
      verification.VerifyCards(ctx, 'ACCOUNT_OPENING', many(LIMITS.maxBulkItems)),
    );
    expect(batch.records).toHaveLength(LIMITS.maxBulkItems);
    expect(new Set(batch.records.map((r) => r.recordId)).size).toBe(LIMITS.maxBulkItems);
  });

  const malformed: [string, string][] = [
    ['not JSON', '[{'],
    ['not an array', '{"requestId":"a"}'],
    ['an empty array', '[]'],
    ['an item that is not an object', '["a"]'],
    ['an item missing a field', JSON.stringify([{ requestId: 'a', cardRef: ref('c') }])],
    ['an item with an extra field', JSON.stringify([{ ...presented(cardSpec('a'), 'a'), name: 'x' }])],
    ['an item with a number', JSON.stringify([{ ...presented(cardSpec('a'), 'a'), validFrom: 20200115 }])],
    [
      'an item with a malformed reference',
      JSON.stringify([{ ...presented(cardSpec('a'), 'a'), personRef: 'p' }]),
    ],
    [
      'duplicate request ids',
      JSON.stringify([presented(cardSpec('a'), 'same'), presented(cardSpec('b'), 'same')]),
    ],
  ];
  it.each(malformed)('refuses %s with VALIDATION', async (_name, items) => {
    const { h } = await world();
    const error = await h.refuse(bank, (ctx) => verification.VerifyCards(ctx, 'ACCOUNT_OPENING', items));
    expect(error.code).toBe('VALIDATION');
  });
});

describe('verification: reading records', () => {
  it("lets an auditor read any record and a verifier only its own; another unit's answers NOT_FOUND like a missing one", async () => {
    const { h, spec } = await world();
    await h.registerUnit('BANK-002');
    const record = await verify(h, spec, 'r');
    expect(
      await h.run(callers.auditor(MSP_IDS.publicSecurity), (ctx) =>
        verification.GetVerification(ctx, record.recordId),
      ),
    ).toEqual(record);
    expect(await h.run(bank, (ctx) => verification.GetVerification(ctx, record.recordId))).toEqual(record);
    // Another unit's record answers exactly like a missing one: no existence oracle.
    const other = await h.refuse(callers.verifier('BANK-002'), (ctx) =>
      verification.GetVerification(ctx, record.recordId),
    );
    expect(other).toMatchObject({
      code: 'NOT_FOUND',
      message: `NOT_FOUND: no verification record ${record.recordId}`,
    });
    const missingId = `${'a'.repeat(64)}.0`;
    const missing = await h.refuse(bank, (ctx) => verification.GetVerification(ctx, missingId));
    expect(missing).toMatchObject({
      code: 'NOT_FOUND',
      message: `NOT_FOUND: no verification record ${missingId}`,
    });
    const malformed = await h.refuse(bank, (ctx) => verification.GetVerification(ctx, 'rec-1'));
    expect(malformed.code).toBe('VALIDATION');
  });

  it("pages a card's verifications oldest first (who checked my card)", async () => {
    const { h, spec } = await world();
    await h.registerUnit('LIB-01', ['LIBRARY_MEMBERSHIP']);
    const made: VerificationRecord[] = [];
    for (let i = 0; i < 5; i += 1) made.push(await verify(h, spec, `r${i}`));
    made.push(await verify(h, spec, 'lib', callers.verifier('LIB-01'), 'LIBRARY_MEMBERSHIP'));
    await verify(h, cardSpec('someone-else'), 'r-other');
    const seen: string[] = [];
    let bookmark = '';
    do {
      const page = await h.run(auditor, (ctx) =>
        verification.ListVerificationsByCard(ctx, spec.cardRef, '4', bookmark),
      );
      expect(page.pageSize).toBe(4);
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((r) => r.recordId));
      bookmark = page.bookmark;
    } while (bookmark !== '');
    expect(seen).toEqual(made.map((r) => r.recordId));
  });

  it("pages a unit's verifications within an inclusive time window", async () => {
    const { h, spec } = await world();
    await h.registerUnit('BANK-0011');
    h.at('2026-04-01T00:00:00.000Z');
    const early = await verify(h, spec, 'e');
    h.at('2026-04-02T00:00:00.000Z');
    const inWindow = [await verify(h, spec, 'w1'), await verify(h, spec, 'w2'), await verify(h, spec, 'w3')];
    await verify(h, spec, 'x', callers.verifier('BANK-0011'));
    h.at('2026-04-03T00:00:00.000Z');
    await verify(h, spec, 'late');
    const list = (who: typeof bank, from: string, to: string, size: string, bookmark: string) =>
      h.run(who, (ctx) => verification.ListVerificationsByUnit(ctx, 'BANK-001', from, to, size, bookmark));

    const first = await list(bank, '2026-04-02T00:00:00Z', '2026-04-02T00:00:02Z', '2', '');
    expect(first.items.map((r) => r.recordId)).toEqual(inWindow.slice(0, 2).map((r) => r.recordId));
    const second = await list(bank, '2026-04-02T00:00:00Z', '2026-04-02T00:00:02Z', '2', first.bookmark);
    expect(second.items.map((r) => r.recordId)).toEqual([inWindow[2]?.recordId]);
    expect(second.bookmark).toBe('');
    const all = await list(callers.auditor(), '2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z', '', '');
    expect(all.items.map((r) => r.requestId)).toEqual(['e', 'w1', 'w2', 'w3', 'late']);
    expect(all.items[0]?.recordId).toBe(early.recordId);
  });

  it('refuses another unit, a foreign bookmark, a reversed window and an oversized page', async () => {
    const { h, spec } = await world();
    await h.registerUnit('BANK-002');
    await verify(h, spec, 'a');
    await verify(h, spec, 'b');
    await verify(h, spec, 'c', callers.verifier('BANK-002'));
    await verify(h, spec, 'd', callers.verifier('BANK-002'));
    const window = ['2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z'] as const;
    const other = await h.run(callers.auditor(), (ctx) =>
      verification.ListVerificationsByUnit(ctx, 'BANK-002', ...window, '1', ''),
    );
    const refusals = await Promise.all([
      h.refuse(bank, (ctx) => verification.ListVerificationsByUnit(ctx, 'BANK-002', ...window, '1', '')),
      h.refuse(bank, (ctx) =>
        verification.ListVerificationsByUnit(ctx, 'BANK-001', ...window, '1', other.bookmark),
      ),
      h.refuse(bank, (ctx) =>
        verification.ListVerificationsByUnit(ctx, 'BANK-001', window[1], window[0], '1', ''),
      ),
      h.refuse(bank, (ctx) =>
        verification.ListVerificationsByUnit(ctx, 'BANK-001', ...window, String(LIMITS.maxPageSize + 1), ''),
      ),
      h.refuse(bank, (ctx) =>
        verification.ListVerificationsByUnit(ctx, 'BANK-001', ...window, '1', 'not base64!'),
      ),
      h.refuse(auditor, (ctx) =>
        verification.ListVerificationsByCard(ctx, spec.cardRef, '1', other.bookmark),
      ),
      h.refuse(auditor, (ctx) => verification.ListVerificationsByCard(ctx, 'bad', '1', '')),
    ]);
    expect(refusals.map((e) => e.code)).toEqual([
      'FORBIDDEN',
      'VALIDATION',
      'VALIDATION',
      'VALIDATION',
      'VALIDATION',
      'VALIDATION',
      'VALIDATION',
    ]);
  });

  it(`caps a page at LIMITS.maxPageSize (${LIMITS.maxPageSize})`, async () => {
    const { h, spec } = await world();
    const items = JSON.stringify(
      Array.from({ length: LIMITS.maxPageSize + 5 }, (_, i) => presented(spec, `p-${i}`)),
    );
    await h.run(bank, (ctx) => verification.VerifyCards(ctx, 'ACCOUNT_OPENING', items));
    const page = await h.run(auditor, (ctx) =>
      verification.ListVerificationsByCard(ctx, spec.cardRef, String(LIMITS.maxPageSize), ''),
    );
    expect(page.items).toHaveLength(LIMITS.maxPageSize);
    const rest = await h.run(auditor, (ctx) =>
      verification.ListVerificationsByCard(ctx, spec.cardRef, '', page.bookmark),
    );
    expect(rest.items).toHaveLength(5);
    expect(rest.bookmark).toBe('');
  });
});
