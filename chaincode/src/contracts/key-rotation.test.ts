import '../test-support/quiet-logs';
import { cardSpec, sha256, type CardSpec } from '../test-support/fixtures';
import { contracts, Harness } from '../test-support/harness';
import { callers } from '../test-support/identities';

const { cards, verification } = contracts;
const officer = callers.officer();
const bank = callers.verifier('BANK-001');

/** The same holder and card under key `k2` (the current key after rotation). */
function underK2(spec: CardSpec): CardSpec {
  const rekey = (reference: string) => `k2.${sha256(reference)}`;
  return {
    ...spec,
    cardRef: rekey(spec.cardRef),
    personRef: rekey(spec.personRef),
    nameCheck: rekey(spec.nameCheck),
  };
}

const refsOf = (spec: CardSpec) => ({
  cardRef: spec.cardRef,
  personRef: spec.personRef,
  nameCheck: spec.nameCheck,
});

function verifyAcross(h: Harness, current: CardSpec, earlier: readonly CardSpec[], requestId: string) {
  return h.run(bank, (ctx) =>
    verification.VerifyCardAcrossKeys(
      ctx,
      requestId,
      'ACCOUNT_OPENING',
      current.cardRef,
      current.personRef,
      current.nameCheck,
      current.validFrom,
      current.validUntil,
      JSON.stringify(earlier.map(refsOf)),
    ),
  );
}

function issueAcross(h: Harness, spec: CardSpec, earlierPersonRefs: readonly string[], reason = 'RENEWAL') {
  return h.run(officer, (ctx) =>
    cards.IssueCardAcrossKeys(
      ctx,
      spec.cardRef,
      spec.personRef,
      spec.nameCheck,
      spec.kind,
      spec.validFrom,
      spec.validUntil,
      reason,
      h.ago(60),
      JSON.stringify(earlierPersonRefs),
    ),
  );
}

async function world(): Promise<{ h: Harness; old: CardSpec }> {
  const h = new Harness();
  await h.bootstrap();
  await h.registerUnit('BANK-001');
  const old = cardSpec('holder'); // made under key k1
  await h.issue(old);
  return { h, old };
}

describe('pseudonym key rotation: cards made under an earlier key stay found', () => {
  it('verifies a card made under an earlier key VALID, recorded against the reference it was made with', async () => {
    const { h, old } = await world();
    const record = await verifyAcross(h, underK2(old), [old], 'r-1');
    expect(record).toMatchObject({ result: 'VALID', cardRef: old.cardRef });
    await h.run(officer, (ctx) => cards.ReportLost(ctx, old.cardRef, h.ago(5)));
    expect(await verifyAcross(h, underK2(old), [old], 'r-2')).toMatchObject({
      result: 'INVALID',
      reason: 'LOST',
    });
    expect(await verifyAcross(h, underK2(old), [], 'r-3')).toMatchObject({
      result: 'INVALID',
      reason: 'NOT_FOUND',
      cardRef: underK2(old).cardRef,
    });
  });

  it('answers a name mismatch under the key the card was found with', async () => {
    const { h, old } = await world();
    const wrongName = { ...old, nameCheck: cardSpec('someone').nameCheck };
    const record = await verifyAcross(h, underK2(wrongName), [wrongName], 'r-1');
    expect(record).toMatchObject({ result: 'INVALID', reason: 'NAME_MISMATCH', cardRef: old.cardRef });
  });

  it('replays a request first made under the earlier key when the gateway now leads with the new one', async () => {
    const { h, old } = await world();
    const first = await verifyAcross(h, old, [], 'r-1');
    expect(await verifyAcross(h, underK2(old), [old], 'r-1')).toEqual({ ...first, replayed: true });
  });

  it('verifies batch items under earlier keys too', async () => {
    const { h, old } = await world();
    const current = underK2(old);
    const item = {
      requestId: 'b-1',
      ...refsOf(current),
      validFrom: old.validFrom,
      validUntil: old.validUntil,
    };
    const batch = await h.run(bank, (ctx) =>
      verification.VerifyCards(
        ctx,
        'ACCOUNT_OPENING',
        JSON.stringify([
          { ...item, earlierRefs: [refsOf(old)] },
          { ...item, requestId: 'b-2' },
        ]),
      ),
    );
    expect(batch.records.map((r) => [r.result, r.reason, r.cardRef])).toEqual([
      ['VALID', null, old.cardRef],
      ['INVALID', 'NOT_FOUND', current.cardRef],
    ]);
  });

  it('refuses malformed earlier references', async () => {
    const { h, old } = await world();
    const current = underK2(old);
    const cases: unknown[] = [
      'not json',
      { cardRef: old.cardRef },
      [{ ...refsOf(old), extra: 'x' }],
      [{ ...refsOf(old), nameCheck: current.nameCheck }],
      [refsOf(current)],
      [refsOf(old), refsOf(old)],
      Array.from({ length: 5 }, (_, i) => refsOf(cardSpec(`x${i}`))),
    ];
    for (const earlier of cases) {
      const text = typeof earlier === 'string' ? earlier : JSON.stringify(earlier);
      const refused = await h.refuse(bank, (ctx) =>
        verification.VerifyCardAcrossKeys(
          ctx,
          'r',
          'ACCOUNT_OPENING',
          current.cardRef,
          current.personRef,
          current.nameCheck,
          current.validFrom,
          current.validUntil,
          text,
        ),
      );
      expect(refused.code).toBe('VALIDATION');
    }
  });

  it('marks the earlier card REPLACED on issuance whatever key it was made with', async () => {
    const { h, old } = await world();
    await h.run(officer, (ctx) => cards.ReportLost(ctx, old.cardRef, h.ago(5)));
    const next = underK2({
      ...old,
      cardRef: cardSpec('next').cardRef,
      validFrom: '2026-02-01',
      validUntil: '2036-02-01',
    });
    const issued = await issueAcross(h, next, [old.personRef], 'LOST');
    expect(issued).toMatchObject({ state: 'VALID', cardRef: next.cardRef });
    expect(h.last?.events[0]?.payload).toMatchObject({ cardRef: next.cardRef, replacedCardRef: old.cardRef });
    const replaced = await h.run(officer, (ctx) => cards.GetCard(ctx, old.cardRef));
    expect(replaced).toMatchObject({ state: 'REPLACED', replacedBy: next.cardRef });
    const person = await h.run(officer, (ctx) => cards.GetPersonCards(ctx, next.personRef));
    expect(person.cards.map((c) => c.cardRef)).toEqual([next.cardRef]);
  });

  it('refuses to issue, under the new key, the same physical card the person has under an earlier key', async () => {
    const { h, old } = await world();
    const refused = await h.refuse(officer, (ctx) =>
      cards.IssueCardAcrossKeys(
        ctx,
        underK2(old).cardRef,
        underK2(old).personRef,
        underK2(old).nameCheck,
        old.kind,
        old.validFrom,
        old.validUntil,
        'FIRST_ISSUE',
        h.ago(60),
        JSON.stringify([old.personRef]),
      ),
    );
    expect(refused.code).toBe('ALREADY_EXISTS');
    const badList = await h.refuse(officer, (ctx) =>
      cards.IssueCardAcrossKeys(
        ctx,
        underK2(old).cardRef,
        underK2(old).personRef,
        underK2(old).nameCheck,
        old.kind,
        old.validFrom,
        old.validUntil,
        'FIRST_ISSUE',
        h.ago(60),
        JSON.stringify([underK2(old).personRef]),
      ),
    );
    expect(badList.code).toBe('VALIDATION');
  });
});
