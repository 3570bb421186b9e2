import '../test-support/quiet-logs';
import { GUARD_KEYS, type Page, type StatusNotice } from '@idcard/common';
import { cardSpec, presented, ref, sha256, type CardSpec } from '../test-support/fixtures';
import { contracts, Harness } from '../test-support/harness';
import { callers } from '../test-support/identities';

const { cards, verification, eid, privacy } = contracts;
const officer = callers.officer();
const bank = callers.verifier('BANK-001');
const hotel = callers.verifier('HOTEL-002');
const library = callers.verifier('LIB-003');
const ALL_TIME = ['2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z'] as const;

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

const announce = (h: Harness, cardRef: string) =>
  h.run(officer, (ctx) => privacy.AnnounceCardChange(ctx, cardRef));

function notices(h: Harness, unitId: string, who = callers.auditor()): Promise<Page<StatusNotice>> {
  return h.run(who, (ctx) => privacy.ListStatusNotices(ctx, unitId, ...ALL_TIME, '', ''));
}

async function world(): Promise<{ h: Harness; spec: CardSpec }> {
  const h = new Harness();
  await h.bootstrap();
  await h.registerUnit('BANK-001', ['ACCOUNT_OPENING']);
  await h.registerUnit('HOTEL-002', ['HOTEL_CHECKIN']);
  await h.registerUnit('LIB-003', ['LIBRARY_MEMBERSHIP']);
  const spec = cardSpec('holder');
  await h.issue(spec);
  return { h, spec };
}

describe('status notices: a unit told VALID learns of the card’s later changes, no other unit does', () => {
  it('announces a REPORT_LOST to the unit that verified the card VALID, in an event and in its list', async () => {
    const { h, spec } = await world();
    const checkedAt = h.now;
    await verify(h, spec, 'b-1');
    const changedAt = h.now;
    await h.run(officer, (ctx) => cards.ReportLost(ctx, spec.cardRef, h.ago(60)));
    expect(h.last?.reads.some((key) => key.includes('watch'))).toBe(false);
    const batch = await announce(h, spec.cardRef);
    const txId = h.last?.getTxID() ?? '';
    const notice = {
      noticeId: `${txId}.0`,
      unitId: 'BANK-001',
      cardRef: spec.cardRef,
      state: 'LOST',
      changedAt,
      checkedAt,
    };
    expect(batch.notices).toEqual([{ ...notice, txId }]);
    expect(h.last?.events).toEqual([{ name: 'CardStatusNotices', payload: { notices: [notice] } }]);
    expect(h.last?.writes.has(GUARD_KEYS.cards)).toBe(true);
    expect((await notices(h, 'BANK-001', bank)).items).toEqual([{ ...notice, txId }]);
    expect((await notices(h, 'HOTEL-002', hotel)).items).toEqual([]);
  });

  it('announces each change once: a repeat records nothing and emits nothing', async () => {
    const { h, spec } = await world();
    await verify(h, spec, 'b-1');
    await h.run(officer, (ctx) => cards.ReportLost(ctx, spec.cardRef, h.ago(60)));
    await announce(h, spec.cardRef);
    expect(await announce(h, spec.cardRef)).toEqual({ notices: [] });
    expect(h.last?.wroteNothing()).toBe(true);
    await h.run(officer, (ctx) => cards.WithdrawLossReport(ctx, spec.cardRef, h.ago(1)));
    expect((await announce(h, spec.cardRef)).notices.map((n) => n.state)).toEqual(['VALID']);
  });

  it('tells no unit whose answer was not VALID: DENIED, NOT_FOUND, NAME_MISMATCH, or INVALID after the change', async () => {
    const { h, spec } = await world();
    await verify(h, spec, 'h-1', hotel, 'ACCOUNT_OPENING'); // DENIED: purpose not allowed
    await verify(h, { ...spec, validUntil: 'LONG_TERM' }, 'l-1', library, 'LIBRARY_MEMBERSHIP'); // NOT_FOUND
    await verify(h, { ...spec, nameCheck: ref('other-name') }, 'b-1'); // NAME_MISMATCH
    await h.run(officer, (ctx) => cards.ReportStolen(ctx, spec.cardRef, h.ago(60)));
    expect(await verify(h, spec, 'b-2')).toMatchObject({ result: 'INVALID', reason: 'STOLEN' });
    expect(await announce(h, spec.cardRef)).toEqual({ notices: [] });
    expect(h.last?.events).toEqual([]);
    for (const unit of ['BANK-001', 'HOTEL-002', 'LIB-003'])
      expect((await notices(h, unit)).items).toEqual([]);
  });

  it('tells the units that checked a replaced card REPLACED (announced through the new card), without the new card', async () => {
    const { h, spec } = await world();
    await verify(h, spec, 'b-1');
    await verify(h, spec, 'l-1', library, 'LIBRARY_MEMBERSHIP');
    const renewed = { ...spec, cardRef: ref('renewed'), validFrom: '2026-02-01', validUntil: '2036-02-01' };
    await h.issue(renewed, 'RENEWAL');
    const batch = await announce(h, renewed.cardRef);
    expect(batch.notices.map((n) => [n.unitId, n.cardRef, n.state])).toEqual([
      ['BANK-001', spec.cardRef, 'REPLACED'],
      ['LIB-003', spec.cardRef, 'REPLACED'],
    ]);
    expect(JSON.stringify(batch)).not.toContain(renewed.cardRef);
    const unknown = await h.refuse(officer, (ctx) =>
      privacy.AnnounceCardChange(ctx, cardSpec('nobody').cardRef),
    );
    expect(unknown.code).toBe('NOT_FOUND');
  });

  it('counts VALID batch items and VALID eID token checks as checks of the card, with the latest check time', async () => {
    const { h, spec } = await world();
    const other = cardSpec('other');
    await h.issue(other);
    await h.run(bank, (ctx) =>
      verification.VerifyCards(
        ctx,
        'ACCOUNT_OPENING',
        JSON.stringify([presented(spec, 'x-1'), presented(other, 'x-2'), presented(spec, 'x-3')]),
      ),
    );
    const latest = h.now;
    await verify(h, spec, 'x-4');
    await h.run(officer, (ctx) => eid.IssueEidToken(ctx, sha256('token'), spec.cardRef, h.ago(-300)));
    await h.run(hotel, (ctx) => eid.VerifyEidToken(ctx, 't-1', 'HOTEL_CHECKIN', sha256('token')));
    await h.run(officer, (ctx) => cards.RevokeCard(ctx, spec.cardRef, 'DEATH', h.ago(60)));
    const batch = await announce(h, spec.cardRef);
    expect(batch.notices.map((n) => [n.unitId, n.state])).toEqual([
      ['BANK-001', 'REVOKED'],
      ['HOTEL-002', 'REVOKED'],
    ]);
    expect(batch.notices[0]?.checkedAt).toBe(latest);
    expect(batch.notices[0]).not.toHaveProperty('reasonCode');
  });

  it('lists a unit its own notices only, within a time window, and pages them', async () => {
    const { h, spec } = await world();
    await verify(h, spec, 'b-1');
    for (const act of ['lost', 'found', 'lost', 'found'] as const) {
      await h.run(officer, (ctx) =>
        act === 'lost'
          ? cards.ReportLost(ctx, spec.cardRef, h.ago(1))
          : cards.WithdrawLossReport(ctx, spec.cardRef, h.ago(1)),
      );
      await announce(h, spec.cardRef);
    }
    const first = await h.run(bank, (ctx) =>
      privacy.ListStatusNotices(ctx, 'BANK-001', ...ALL_TIME, '3', ''),
    );
    expect(first.items.map((n) => n.state)).toEqual(['LOST', 'VALID', 'LOST']);
    const rest = await h.run(bank, (ctx) =>
      privacy.ListStatusNotices(ctx, 'BANK-001', ...ALL_TIME, '3', first.bookmark),
    );
    expect(rest).toMatchObject({ bookmark: '', items: [{ state: 'VALID' }] });
    const cut = first.items[1]?.changedAt ?? '';
    const window = await h.run(bank, (ctx) =>
      privacy.ListStatusNotices(ctx, 'BANK-001', cut, '2100-01-01T00:00:00Z', '', ''),
    );
    expect(window.items).toHaveLength(3);
    const refused = await h.refuse(hotel, (ctx) =>
      privacy.ListStatusNotices(ctx, 'BANK-001', ...ALL_TIME, '', ''),
    );
    expect(refused.code).toBe('FORBIDDEN');
    const backwards = await h.refuse(bank, (ctx) =>
      privacy.ListStatusNotices(ctx, 'BANK-001', ALL_TIME[1], ALL_TIME[0], '', ''),
    );
    expect(backwards.code).toBe('VALIDATION');
  });
});
