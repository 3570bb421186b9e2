import '../test-support/quiet-logs';
import { GUARD_KEYS, LIMITS } from '@idcard/common';
import { compositeKey } from '../test-support/fake-stub';
import { cardSpec, ref, sha256, type CardSpec } from '../test-support/fixtures';
import { contracts, Harness } from '../test-support/harness';
import { callers } from '../test-support/identities';

const { eid, cards, units } = contracts;
const officer = callers.officer();
const bank = callers.verifier('BANK-001');
const token = sha256('token-1');

async function world(): Promise<{ h: Harness; spec: CardSpec }> {
  const h = new Harness();
  await h.registerUnit('BANK-001', ['HOTEL_CHECKIN', 'ACCOUNT_OPENING']);
  const spec = cardSpec('holder');
  await h.issue(spec);
  return { h, spec };
}

function issueToken(h: Harness, cardRef: string, lifetimeSeconds = 300, hash = token) {
  return h.run(officer, (ctx) => eid.IssueEidToken(ctx, hash, cardRef, h.ago(-lifetimeSeconds)));
}

function scan(h: Harness, requestId: string, hash = token, who = bank, purpose = 'HOTEL_CHECKIN') {
  return h.run(who, (ctx) => eid.VerifyEidToken(ctx, requestId, purpose, hash));
}

describe('eid: IssueEidToken', () => {
  it('stores only the hash, bound to the card, with expiry from transaction time, and blind-writes guard/cards', async () => {
    const { h, spec } = await world();
    const txTime = h.now;
    const issued = await issueToken(h, spec.cardRef, LIMITS.maxEidTokenLifetimeSeconds);
    const expiresAt = new Date(Date.parse(txTime) + LIMITS.maxEidTokenLifetimeSeconds * 1000).toISOString();
    expect(issued).toEqual({
      tokenHash: token,
      cardRef: spec.cardRef,
      expiresAt,
      issuedAt: txTime,
      usedAt: null,
      usedBy: null,
    });
    expect(h.world.json(compositeKey('eid', [token]))).toEqual(issued);
    expect(h.last?.writes.has(GUARD_KEYS.cards)).toBe(true);
    expect(h.last?.reads).not.toContain(GUARD_KEYS.cards);
    expect(h.last?.events).toEqual([
      { name: 'EidTokenIssued', payload: { cardRef: spec.cardRef, expiresAt } },
    ]);
  });

  it.each([
    ['an expiry at the transaction time', 0],
    ['an expiry in the past', -10],
    ['a lifetime one second too long', LIMITS.maxEidTokenLifetimeSeconds + 1],
  ])('refuses %s with VALIDATION', async (_name, lifetime) => {
    const { h, spec } = await world();
    const error = await h.refuse(officer, (ctx) =>
      eid.IssueEidToken(ctx, token, spec.cardRef, h.ago(-lifetime)),
    );
    expect(error.code).toBe('VALIDATION');
  });

  it('refuses a malformed hash, an unknown card, a reused hash and a card that is not effectively VALID', async () => {
    const { h, spec } = await world();
    expect(
      (await h.refuse(officer, (ctx) => eid.IssueEidToken(ctx, 'ABC', spec.cardRef, h.ago(-60)))).code,
    ).toBe('VALIDATION');
    expect(
      (await h.refuse(officer, (ctx) => eid.IssueEidToken(ctx, token, ref('none'), h.ago(-60)))).code,
    ).toBe('NOT_FOUND');
    await issueToken(h, spec.cardRef);
    expect(
      (await h.refuse(officer, (ctx) => eid.IssueEidToken(ctx, token, spec.cardRef, h.ago(-60)))).code,
    ).toBe('ALREADY_EXISTS');
    await h.run(officer, (ctx) => cards.ReportLost(ctx, spec.cardRef, h.ago(1)));
    const lost = await h.refuse(officer, (ctx) =>
      eid.IssueEidToken(ctx, sha256('t2'), spec.cardRef, h.ago(-60)),
    );
    expect(lost).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'LOST', action: 'ISSUE_EID_TOKEN' });
  });

  it('refuses a token for an expired card', async () => {
    const h = new Harness().at('2026-02-01T00:00:00.000Z');
    const spec = cardSpec('e', { validFrom: '2016-03-01', validUntil: '2026-03-01' });
    await h.issue(spec);
    h.at('2026-03-05T00:00:00.000Z');
    const error = await h.refuse(officer, (ctx) => eid.IssueEidToken(ctx, token, spec.cardRef, h.ago(-60)));
    expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'EXPIRED' });
  });
});

describe('eid: VerifyEidToken', () => {
  it('answers VALID once, marks the token used by the unit, then TOKEN_USED', async () => {
    const { h, spec } = await world();
    await issueToken(h, spec.cardRef);
    const usedAt = h.now;
    const first = await scan(h, 'scan-1');
    expect(first).toMatchObject({
      channel: 'EID_TOKEN',
      cardRef: spec.cardRef,
      result: 'VALID',
      reason: null,
      replayed: false,
    });
    expect(h.world.json(compositeKey('eid', [token]))).toMatchObject({ usedAt, usedBy: 'BANK-001' });
    expect(h.last?.events[0]).toMatchObject({
      name: 'CardVerified',
      payload: { result: 'VALID', cardRef: spec.cardRef },
    });
    const second = await scan(h, 'scan-2');
    expect(second).toMatchObject({ result: 'INVALID', reason: 'TOKEN_USED' });
  });

  it('replays a repeated request id without using anything', async () => {
    const { h, spec } = await world();
    await issueToken(h, spec.cardRef);
    const first = await scan(h, 'scan-1');
    const again = await scan(h, 'scan-1');
    expect(again).toEqual({ ...first, replayed: true });
    expect(h.last?.wroteNothing()).toBe(true);
  });

  it('answers TOKEN_EXPIRED from the transaction time, and NOT_FOUND for an unknown token', async () => {
    const { h, spec } = await world();
    await issueToken(h, spec.cardRef, 60);
    h.at(h.ago(-60));
    expect(await scan(h, 's1')).toMatchObject({
      result: 'INVALID',
      reason: 'TOKEN_EXPIRED',
      cardRef: spec.cardRef,
    });
    expect(await scan(h, 's2', sha256('unknown'))).toMatchObject({
      result: 'INVALID',
      reason: 'NOT_FOUND',
      cardRef: null,
    });
  });

  it("answers the card's reason when the card changed after issuance, leaving the token unused", async () => {
    const { h, spec } = await world();
    await issueToken(h, spec.cardRef);
    await h.run(officer, (ctx) => cards.ReportStolen(ctx, spec.cardRef, h.ago(1)));
    expect(await scan(h, 's1')).toMatchObject({ result: 'INVALID', reason: 'STOLEN' });
    expect(h.world.json(compositeKey('eid', [token]))).toMatchObject({ usedAt: null });
  });

  it('answers DENIED without reading the token for an unknown unit, a suspended unit or a purpose not allowed', async () => {
    const { h, spec } = await world();
    await issueToken(h, spec.cardRef);
    expect(await scan(h, 's1', token, callers.verifier('HOTEL-1'))).toMatchObject({
      result: 'DENIED',
      reason: 'UNIT_UNKNOWN',
      cardRef: null,
    });
    expect(h.last?.reads).not.toContain(compositeKey('eid', [token]));
    expect(await scan(h, 's2', token, bank, 'LOAN_APPLICATION')).toMatchObject({
      result: 'DENIED',
      reason: 'PURPOSE_NOT_ALLOWED',
    });
    await h.run(callers.operator(), (ctx) => units.SuspendUnit(ctx, 'BANK-001', 'REVIEW'));
    expect(await scan(h, 's3')).toMatchObject({ result: 'DENIED', reason: 'UNIT_SUSPENDED' });
    expect(h.world.json(compositeKey('eid', [token]))).toMatchObject({ usedAt: null });
  });

  it('refuses malformed arguments with VALIDATION', async () => {
    const { h } = await world();
    expect((await h.refuse(bank, (ctx) => eid.VerifyEidToken(ctx, 'r', 'HOTEL_CHECKIN', 'xyz'))).code).toBe(
      'VALIDATION',
    );
    expect((await h.refuse(bank, (ctx) => eid.VerifyEidToken(ctx, '', 'HOTEL_CHECKIN', token))).code).toBe(
      'VALIDATION',
    );
    expect((await h.refuse(bank, (ctx) => eid.VerifyEidToken(ctx, 'r', 'PARTY', token))).code).toBe(
      'VALIDATION',
    );
  });
});
