import '../test-support/quiet-logs';
import { GUARD_KEYS, MSP_IDS, type Card, type CardState } from '@idcard/common';
import { IllegalTransitionError } from '../errors';
import { decodePolicy } from '../ledger/endorsement-policies';
import { compositeKey } from '../test-support/fake-stub';
import { cardSpec, ref, type CardSpec } from '../test-support/fixtures';
import { contracts, Harness } from '../test-support/harness';
import { callers } from '../test-support/identities';

const { cards } = contracts;
const officer = callers.officer();
const AGENCIES = [MSP_IDS.bigDataBureau, MSP_IDS.publicSecurity].sort();

type Action = 'ReportLost' | 'ReportStolen' | 'WithdrawLossReport' | 'RevokeCard';

function act(h: Harness, action: Action, cardRef: string, occurredAt = h.ago(60)): Promise<Card> {
  return h.run(officer, (ctx) =>
    action === 'RevokeCard'
      ? cards.RevokeCard(ctx, cardRef, 'DEATH', occurredAt)
      : cards[action](ctx, cardRef, occurredAt),
  );
}

/** Brings a fresh card into a stored state through legal transitions. */
async function cardIn(h: Harness, state: CardState, spec: CardSpec): Promise<void> {
  await h.issue(spec);
  if (state === 'LOST') await act(h, 'ReportLost', spec.cardRef);
  if (state === 'STOLEN') await act(h, 'ReportStolen', spec.cardRef);
  if (state === 'REVOKED') await act(h, 'RevokeCard', spec.cardRef);
  if (state === 'REPLACED') await h.issue({ ...spec, cardRef: ref(`${spec.cardRef}:new`) }, 'RENEWAL');
}

describe('cards: IssueCard', () => {
  it('issues a VALID card recording reason, reported time, transaction time and officer unit', async () => {
    const h = new Harness();
    const spec = cardSpec('a');
    const txTime = h.now;
    const card = await h.issue(spec);
    expect(card).toEqual({
      cardRef: spec.cardRef,
      personRef: spec.personRef,
      kind: 'RESIDENT_CARD',
      state: 'VALID',
      effectiveState: 'VALID',
      validFrom: spec.validFrom,
      validUntil: spec.validUntil,
      issuedAt: txTime,
      updatedAt: txTime,
      lastAction: 'ISSUE',
      lastReason: 'FIRST_ISSUE',
      occurredAt: new Date(Date.parse(txTime) - 3600_000).toISOString(),
      officerUnit: 'PSB-0101',
      replacedBy: null,
    });
    expect(card).not.toHaveProperty('nameCheck');
  });

  it('sets PublicSecurityMSP AND BigDataBureauMSP on the card and person keys and blind-writes guard/cards', async () => {
    const h = new Harness();
    const spec = cardSpec('a');
    await h.issue(spec);
    const cardKey = compositeKey('card', [spec.cardRef]);
    const personKey = compositeKey('person~card', [spec.personRef, spec.cardRef]);
    expect(decodePolicy(h.world.policies.get(cardKey))).toEqual(AGENCIES);
    expect(decodePolicy(h.world.policies.get(personKey))).toEqual(AGENCIES);
    expect(h.last?.writes.has(GUARD_KEYS.cards)).toBe(true);
    expect(h.last?.reads).not.toContain(GUARD_KEYS.cards);
    expect(h.world.json(GUARD_KEYS.cards)).toEqual({ lastTxId: h.last?.getTxID() });
  });

  it('emits CardIssued with pseudonymous references only', async () => {
    const h = new Harness();
    const spec = cardSpec('a');
    await h.issue(spec);
    expect(h.last?.events).toEqual([
      { name: 'CardIssued', payload: { cardRef: spec.cardRef, replacedCardRef: null } },
    ]);
  });

  it.each<CardState>(['VALID', 'LOST', 'STOLEN'])(
    'makes the earlier %s card of the same person REPLACED in the same transaction',
    async (state) => {
      const h = new Harness();
      const old = cardSpec('a');
      await cardIn(h, state, old);
      const renewed = { ...old, cardRef: ref('renewed'), validFrom: '2026-02-01', validUntil: '2036-02-01' };
      const officer2 = callers.officer('PSB-0202');
      await h.issue(renewed, 'RENEWAL', officer2);
      const replaced = await h.run(officer, (ctx) => cards.GetCard(ctx, old.cardRef));
      expect(replaced).toMatchObject({
        state: 'REPLACED',
        lastAction: 'REPLACE',
        lastReason: 'REPLACED',
        replacedBy: renewed.cardRef,
        officerUnit: 'PSB-0202',
      });
      const history = await h.run(officer, (ctx) => cards.GetCardHistory(ctx, old.cardRef, '', ''));
      expect(history.items.at(-1)).toMatchObject({
        action: 'REPLACE',
        fromState: state,
        toState: 'REPLACED',
      });
    },
  );

  it('names the replaced card in the CardIssued event and leaves terminal cards alone', async () => {
    const h = new Harness();
    const revoked = cardSpec('p', { cardRef: ref('revoked') });
    const current = cardSpec('p', { cardRef: ref('current') });
    await cardIn(h, 'REVOKED', revoked);
    await h.issue(current, 'RENEWAL');
    expect(h.last?.events[0]?.payload).toEqual({ cardRef: current.cardRef, replacedCardRef: null });
    await h.issue(cardSpec('p', { cardRef: ref('third') }), 'RENEWAL');
    expect(h.last?.events[0]?.payload).toEqual({ cardRef: ref('third'), replacedCardRef: current.cardRef });
    const revokedNow = await h.run(officer, (ctx) => cards.GetCard(ctx, revoked.cardRef));
    expect(revokedNow.state).toBe('REVOKED');
  });

  it('refuses an existing cardRef with ALREADY_EXISTS', async () => {
    const h = new Harness();
    const spec = cardSpec('a');
    await h.issue(spec);
    const error = await h.refuse(officer, (ctx) =>
      cards.IssueCard(
        ctx,
        spec.cardRef,
        ref('other'),
        spec.nameCheck,
        spec.kind,
        spec.validFrom,
        spec.validUntil,
        'FIRST_ISSUE',
        h.ago(1),
      ),
    );
    expect(error.code).toBe('ALREADY_EXISTS');
  });

  const bad: [string, Partial<CardSpec> & { reason?: string; occurredAt?: string }][] = [
    ['a malformed cardRef', { cardRef: 'card-1' }],
    ['a malformed personRef', { personRef: 'k1.XYZ' }],
    ['a malformed nameCheck', { nameCheck: '' }],
    ['an unknown kind', { kind: 'PASSPORT' }],
    ['an impossible validFrom', { validFrom: '2021-02-30' }],
    ['a resident card of 7 years', { validUntil: '2027-01-15' }],
    ['a validUntil that is neither a date nor LONG_TERM', { validUntil: 'FOREVER' }],
    [
      'a temporary certificate of 93 days',
      { kind: 'TEMPORARY_CERTIFICATE', validFrom: '2026-01-01', validUntil: '2026-04-04' },
    ],
    ['a LONG_TERM temporary certificate', { kind: 'TEMPORARY_CERTIFICATE', validUntil: 'LONG_TERM' }],
    [
      'a temporary certificate ending before it starts',
      { kind: 'TEMPORARY_CERTIFICATE', validFrom: '2026-02-10', validUntil: '2026-02-01' },
    ],
    ['a card that would be expired already', { validFrom: '2006-01-15', validUntil: '2026-01-15' }],
    ['a reason not for issuing', { reason: 'DEATH' }],
    ['an occurredAt after the transaction time', { occurredAt: '2099-01-01T00:00:00Z' }],
    ['an occurredAt that is not an instant', { occurredAt: '2026-01-01 10:00' }],
  ];
  it.each(bad)('refuses %s with VALIDATION and writes nothing', async (_name, override) => {
    const h = new Harness();
    const spec = { ...cardSpec('a'), ...override };
    const error = await h.refuse(officer, (ctx) =>
      cards.IssueCard(
        ctx,
        spec.cardRef,
        spec.personRef,
        spec.nameCheck,
        spec.kind,
        spec.validFrom,
        spec.validUntil,
        override.reason ?? 'FIRST_ISSUE',
        override.occurredAt ?? h.ago(10),
      ),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/^VALIDATION: /);
  });

  it('accepts a 92-day temporary certificate, a LONG_TERM card and a card issued on 29 February', async () => {
    const h = new Harness();
    const temporary = await h.issue(
      cardSpec('t', { kind: 'TEMPORARY_CERTIFICATE', validFrom: '2026-01-01', validUntil: '2026-04-03' }),
    );
    expect(temporary.kind).toBe('TEMPORARY_CERTIFICATE');
    const longTerm = await h.issue(cardSpec('l', { validFrom: '2025-06-01', validUntil: 'LONG_TERM' }));
    expect(longTerm.validUntil).toBe('LONG_TERM');
    const leap = await h.issue(cardSpec('leap', { validFrom: '2024-02-29', validUntil: '2029-02-28' }));
    expect(leap.state).toBe('VALID');
  });
});

describe('cards: transitions (DESIGN §4)', () => {
  const table: [CardState, Action, CardState | null][] = [
    ['VALID', 'ReportLost', 'LOST'],
    ['VALID', 'ReportStolen', 'STOLEN'],
    ['VALID', 'WithdrawLossReport', null],
    ['VALID', 'RevokeCard', 'REVOKED'],
    ['LOST', 'ReportLost', null],
    ['LOST', 'ReportStolen', null],
    ['LOST', 'WithdrawLossReport', 'VALID'],
    ['LOST', 'RevokeCard', 'REVOKED'],
    ['STOLEN', 'ReportLost', null],
    ['STOLEN', 'ReportStolen', null],
    ['STOLEN', 'WithdrawLossReport', null],
    ['STOLEN', 'RevokeCard', 'REVOKED'],
    ['REPLACED', 'ReportLost', null],
    ['REPLACED', 'ReportStolen', null],
    ['REPLACED', 'WithdrawLossReport', null],
    ['REPLACED', 'RevokeCard', null],
    ['REVOKED', 'ReportLost', null],
    ['REVOKED', 'ReportStolen', null],
    ['REVOKED', 'WithdrawLossReport', null],
    ['REVOKED', 'RevokeCard', null],
  ];
  const actionName: Record<Action, string> = {
    ReportLost: 'REPORT_LOST',
    ReportStolen: 'REPORT_STOLEN',
    WithdrawLossReport: 'WITHDRAW_LOSS',
    RevokeCard: 'REVOKE',
  };
  const reasonOf: Record<Action, string> = {
    ReportLost: 'LOST',
    ReportStolen: 'STOLEN',
    WithdrawLossReport: 'FOUND',
    RevokeCard: 'DEATH',
  };

  it.each(table.filter(([, , to]) => to !== null))(
    '%s --%s--> %s records the transition',
    async (from, action, to) => {
      const h = new Harness();
      const spec = cardSpec('a');
      await cardIn(h, from, spec);
      const occurredAt = h.ago(86_400);
      const txTime = h.now;
      const card = await act(h, action, spec.cardRef, occurredAt);
      expect(card).toMatchObject({
        state: to,
        lastAction: actionName[action],
        lastReason: reasonOf[action],
        occurredAt,
        updatedAt: txTime,
        officerUnit: 'PSB-0101',
      });
      expect(h.last?.events).toEqual([
        {
          name: 'CardStatusChanged',
          payload: {
            cardRef: spec.cardRef,
            action: actionName[action],
            fromState: from,
            toState: to,
            reasonCode: reasonOf[action],
          },
        },
      ]);
    },
  );

  it.each(table.filter(([, , to]) => to === null))(
    'refuses %s --%s--> with ILLEGAL_TRANSITION naming state and action, writing nothing',
    async (from, action) => {
      const h = new Harness();
      const spec = cardSpec('a');
      await cardIn(h, from, spec);
      const error = await h.refuse(officer, (ctx) =>
        action === 'RevokeCard'
          ? cards.RevokeCard(ctx, spec.cardRef, 'FRAUD', h.ago(1))
          : cards[action](ctx, spec.cardRef, h.ago(1)),
      );
      expect(error).toBeInstanceOf(IllegalTransitionError);
      expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: from, action: actionName[action] });
      expect(error.message).toBe(`ILLEGAL_TRANSITION: cannot ${actionName[action]} a card in state ${from}`);
    },
  );

  it('refuses a transition of an unknown card with NOT_FOUND', async () => {
    const h = new Harness();
    const error = await h.refuse(officer, (ctx) => cards.ReportLost(ctx, ref('nobody'), h.ago(1)));
    expect(error.code).toBe('NOT_FOUND');
  });

  it.each(['LOST', 'RENEWAL', 'REPLACED', ''])('refuses RevokeCard with reason %p', async (reason) => {
    const h = new Harness();
    const spec = cardSpec('a');
    await h.issue(spec);
    const error = await h.refuse(officer, (ctx) => cards.RevokeCard(ctx, spec.cardRef, reason, h.ago(1)));
    expect(error.code).toBe('VALIDATION');
  });

  it.each(['HOUSEHOLD_DEREGISTRATION', 'FRAUD', 'ISSUED_IN_ERROR'])(
    'revokes with reason %s',
    async (reason) => {
      const h = new Harness();
      const spec = cardSpec('a');
      await h.issue(spec);
      const card = await h.run(officer, (ctx) => cards.RevokeCard(ctx, spec.cardRef, reason, h.ago(1)));
      expect(card).toMatchObject({ state: 'REVOKED', lastReason: reason });
    },
  );

  it('refuses a reported time after the transaction time', async () => {
    const h = new Harness();
    const spec = cardSpec('a');
    await h.issue(spec);
    const error = await h.refuse(officer, (ctx) => cards.ReportLost(ctx, spec.cardRef, h.ago(-5)));
    expect(error.code).toBe('VALIDATION');
  });
});

describe('cards: queries', () => {
  it('derives EXPIRED from 00:00 China Standard Time of the day after validUntil', async () => {
    const h = new Harness().at('2026-02-01T00:00:00.000Z');
    const spec = cardSpec('a', { validFrom: '2016-03-01', validUntil: '2026-03-01' });
    await h.issue(spec);
    h.at('2026-03-01T15:59:59.999Z');
    const before = await h.run(officer, (ctx) => cards.GetCard(ctx, spec.cardRef));
    expect(before).toMatchObject({ state: 'VALID', effectiveState: 'VALID' });
    h.at('2026-03-01T16:00:00.000Z');
    const after = await h.run(callers.auditor(), (ctx) => cards.GetCard(ctx, spec.cardRef));
    expect(after).toMatchObject({ state: 'VALID', effectiveState: 'EXPIRED' });
  });

  it('keeps a LOST card LOST after its validity ends', async () => {
    const h = new Harness().at('2026-02-01T00:00:00.000Z');
    const spec = cardSpec('a', { validFrom: '2016-03-01', validUntil: '2026-03-01' });
    await h.issue(spec);
    await act(h, 'ReportLost', spec.cardRef);
    h.at('2027-01-01T00:00:00.000Z');
    const card = await h.run(officer, (ctx) => cards.GetCard(ctx, spec.cardRef));
    expect(card.effectiveState).toBe('LOST');
  });

  it('answers the status at a past instant from history, with the transaction that set it', async () => {
    const h = new Harness();
    const spec = cardSpec('a');
    const issuedAt = h.now;
    await h.issue(spec);
    const issueTx = h.last?.getTxID();
    h.at('2026-03-05T10:00:00.000Z');
    await act(h, 'ReportLost', spec.cardRef);
    const lostTx = h.last?.getTxID();
    h.at('2026-03-09T10:00:00.000Z');
    await act(h, 'WithdrawLossReport', spec.cardRef);
    h.at('2026-03-12T00:00:00.000Z');
    const statusAt = (at: string) =>
      h.run(callers.auditor(MSP_IDS.bigDataBureau), (ctx) => cards.GetCardStatusAt(ctx, spec.cardRef, at));

    expect(await statusAt(issuedAt)).toEqual({
      cardRef: spec.cardRef,
      at: issuedAt,
      state: 'VALID',
      effectiveState: 'VALID',
      txId: issueTx,
    });
    expect(await statusAt('2026-03-06T00:00:00Z')).toMatchObject({
      state: 'LOST',
      txId: lostTx,
      at: '2026-03-06T00:00:00.000Z',
    });
    expect(await statusAt('2026-03-10T00:00:00Z')).toMatchObject({ state: 'VALID' });
    expect(
      (await h.refuse(officer, (ctx) => cards.GetCardStatusAt(ctx, spec.cardRef, '2026-02-01T00:00:00Z')))
        .code,
    ).toBe('NOT_FOUND');
    expect(
      (await h.refuse(officer, (ctx) => cards.GetCardStatusAt(ctx, spec.cardRef, '2099-01-01T00:00:00Z')))
        .code,
    ).toBe('VALIDATION');
    expect((await h.refuse(officer, (ctx) => cards.GetCardStatusAt(ctx, ref('none'), h.ago(1)))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('reports EXPIRED as the effective status at an instant past validity', async () => {
    const h = new Harness().at('2026-02-01T00:00:00.000Z');
    const spec = cardSpec('a', { validFrom: '2016-03-01', validUntil: '2026-03-01' });
    await h.issue(spec);
    h.at('2026-06-01T00:00:00.000Z');
    const status = await h.run(officer, (ctx) =>
      cards.GetCardStatusAt(ctx, spec.cardRef, '2026-04-01T00:00:00Z'),
    );
    expect(status).toMatchObject({ state: 'VALID', effectiveState: 'EXPIRED' });
  });

  it('pages the history oldest first with bookmarks, empty when done', async () => {
    const h = new Harness();
    const spec = cardSpec('a');
    await h.issue(spec);
    await act(h, 'ReportLost', spec.cardRef);
    await act(h, 'WithdrawLossReport', spec.cardRef);
    await act(h, 'ReportStolen', spec.cardRef);
    await act(h, 'RevokeCard', spec.cardRef);
    const first = await h.run(officer, (ctx) => cards.GetCardHistory(ctx, spec.cardRef, '2', ''));
    expect(first.items.map((e) => [e.action, e.fromState, e.toState])).toEqual([
      ['ISSUE', null, 'VALID'],
      ['REPORT_LOST', 'VALID', 'LOST'],
    ]);
    expect(first.pageSize).toBe(2);
    expect(first.bookmark).not.toBe('');
    const second = await h.run(officer, (ctx) =>
      cards.GetCardHistory(ctx, spec.cardRef, '2', first.bookmark),
    );
    expect(second.items.map((e) => e.action)).toEqual(['WITHDRAW_LOSS', 'REPORT_STOLEN']);
    const third = await h.run(officer, (ctx) =>
      cards.GetCardHistory(ctx, spec.cardRef, '2', second.bookmark),
    );
    expect(third.items).toEqual([
      expect.objectContaining({
        action: 'REVOKE',
        fromState: 'STOLEN',
        toState: 'REVOKED',
        reasonCode: 'DEATH',
        officerUnit: 'PSB-0101',
      }),
    ]);
    expect(third.bookmark).toBe('');
    const all = await h.run(officer, (ctx) => cards.GetCardHistory(ctx, spec.cardRef, '0', ''));
    expect(all).toMatchObject({ pageSize: 50, bookmark: '' });
    expect(all.items).toHaveLength(5);
  });

  it.each([
    ['201', ''],
    ['-1', ''],
    ['ten', ''],
    ['2', 'not-a-number'],
    ['2', '99'],
  ])('refuses history page size %p with bookmark %p', async (pageSize, bookmark) => {
    const h = new Harness();
    const spec = cardSpec('a');
    await h.issue(spec);
    const error = await h.refuse(officer, (ctx) =>
      cards.GetCardHistory(ctx, spec.cardRef, pageSize, bookmark),
    );
    expect(error.code).toBe('VALIDATION');
  });

  it('answers NOT_FOUND for the history of an unknown card', async () => {
    const h = new Harness();
    const error = await h.refuse(officer, (ctx) => cards.GetCardHistory(ctx, ref('none'), '', ''));
    expect(error.code).toBe('NOT_FOUND');
  });

  it("lists a person's cards with their states, and none for an unknown person", async () => {
    const h = new Harness();
    const old = cardSpec('p', { cardRef: ref('old') });
    const current = cardSpec('p', {
      cardRef: ref('current'),
      validFrom: '2026-01-10',
      validUntil: '2036-01-10',
    });
    await h.issue(old);
    await h.issue(current, 'RENEWAL');
    const person = await h.run(officer, (ctx) => cards.GetPersonCards(ctx, old.personRef));
    expect(person.personRef).toBe(old.personRef);
    expect([...person.cards].sort((a, b) => a.cardRef.localeCompare(b.cardRef))).toEqual(
      [
        {
          cardRef: old.cardRef,
          state: 'REPLACED',
          effectiveState: 'REPLACED',
          validFrom: old.validFrom,
          validUntil: old.validUntil,
        },
        {
          cardRef: current.cardRef,
          state: 'VALID',
          effectiveState: 'VALID',
          validFrom: '2026-01-10',
          validUntil: '2036-01-10',
        },
      ].sort((a, b) => a.cardRef.localeCompare(b.cardRef)),
    );
    const nobody = await h.run(officer, (ctx) => cards.GetPersonCards(ctx, ref('nobody')));
    expect(nobody.cards).toEqual([]);
  });

  it('refuses malformed references in queries with VALIDATION', async () => {
    const h = new Harness();
    expect((await h.refuse(officer, (ctx) => cards.GetCard(ctx, 'x'))).code).toBe('VALIDATION');
    expect((await h.refuse(officer, (ctx) => cards.GetPersonCards(ctx, 'x'))).code).toBe('VALIDATION');
    expect((await h.refuse(officer, (ctx) => cards.GetCardStatusAt(ctx, ref('a'), 'yesterday'))).code).toBe(
      'VALIDATION',
    );
    expect((await h.refuse(officer, (ctx) => cards.GetCard(ctx, ref('a')))).code).toBe('NOT_FOUND');
  });
});
