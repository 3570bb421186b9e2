import '../test-support/quiet-logs';
import { compositeKey } from '../test-support/fake-stub';
import { cardSpec, presented, sha256, type CardSpec } from '../test-support/fixtures';
import { contracts, Harness } from '../test-support/harness';
import { callers } from '../test-support/identities';

const { verification, eid } = contracts;
const officer = callers.officer();
const bank = callers.verifier('BANK-001');
const MISMATCH = 'IDEMPOTENCY_MISMATCH: request id r-1 was first used for another request';

function verify(h: Harness, spec: CardSpec, requestId: string, purpose = 'ACCOUNT_OPENING') {
  return h.run(bank, (ctx) =>
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

async function world(): Promise<{ h: Harness; spec: CardSpec; other: CardSpec }> {
  const h = new Harness();
  await h.registerUnit('BANK-001', ['ACCOUNT_OPENING', 'LOAN_APPLICATION']);
  const spec = cardSpec('holder');
  const other = cardSpec('other');
  await h.issue(spec);
  await h.issue(other);
  return { h, spec, other };
}

describe('idempotency: a repeated request id answers only the same request', () => {
  it('replays the same request with the first record, writing nothing', async () => {
    const { h, spec } = await world();
    const first = await verify(h, spec, 'r-1');
    await h.run(officer, (ctx) => contracts.cards.ReportLost(ctx, spec.cardRef, h.ago(5)));
    expect(await verify(h, spec, 'r-1')).toEqual({ ...first, result: 'VALID', replayed: true });
    expect(h.last?.wroteNothing()).toBe(true);
  });

  it.each<[string, (spec: CardSpec, other: CardSpec) => [CardSpec, string]]>([
    ['another card', (_spec, other) => [other, 'ACCOUNT_OPENING']],
    ['another purpose', (spec) => [spec, 'LOAN_APPLICATION']],
    [
      'another name check value',
      (spec, other) => [{ ...spec, nameCheck: other.nameCheck }, 'ACCOUNT_OPENING'],
    ],
  ])('refuses the same request id with %s: IDEMPOTENCY_MISMATCH, nothing written', async (_label, change) => {
    const { h, spec, other } = await world();
    await verify(h, spec, 'r-1');
    const [card, purpose] = change(spec, other);
    const refused = await h.refuse(bank, (ctx) =>
      verification.VerifyCard(
        ctx,
        'r-1',
        purpose,
        card.cardRef,
        card.personRef,
        card.nameCheck,
        card.validFrom,
        card.validUntil,
      ),
    );
    expect(refused).toMatchObject({ code: 'IDEMPOTENCY_MISMATCH', message: MISMATCH });
  });

  it('refuses a whole batch when one item reuses a request id for another card', async () => {
    const { h, spec, other } = await world();
    await verify(h, spec, 'r-1');
    const items = [presented(other, 'r-2'), presented(other, 'r-1')];
    const refused = await h.refuse(bank, (ctx) =>
      verification.VerifyCards(ctx, 'ACCOUNT_OPENING', JSON.stringify(items)),
    );
    expect(refused.code).toBe('IDEMPOTENCY_MISMATCH');
    const same = await h.run(bank, (ctx) =>
      verification.VerifyCards(ctx, 'ACCOUNT_OPENING', JSON.stringify([presented(spec, 'r-1')])),
    );
    expect(same.records[0]?.replayed).toBe(true);
  });

  it('refuses a token request id reused for another token or for a card, and replays the same token', async () => {
    const { h, spec } = await world();
    for (const label of ['t1', 't2']) {
      await h.run(officer, (ctx) => eid.IssueEidToken(ctx, sha256(label), spec.cardRef, h.ago(-300)));
    }
    const first = await h.run(bank, (ctx) => eid.VerifyEidToken(ctx, 'r-1', 'ACCOUNT_OPENING', sha256('t1')));
    const again = await h.run(bank, (ctx) => eid.VerifyEidToken(ctx, 'r-1', 'ACCOUNT_OPENING', sha256('t1')));
    expect(again).toEqual({ ...first, replayed: true });
    const otherToken = await h.refuse(bank, (ctx) =>
      eid.VerifyEidToken(ctx, 'r-1', 'ACCOUNT_OPENING', sha256('t2')),
    );
    expect(otherToken.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(
      (
        await h.refuse(bank, (ctx) =>
          verification.VerifyCard(
            ctx,
            'r-1',
            'ACCOUNT_OPENING',
            spec.cardRef,
            spec.personRef,
            spec.nameCheck,
            spec.validFrom,
            spec.validUntil,
          ),
        )
      ).code,
    ).toBe('IDEMPOTENCY_MISMATCH');
  });

  it('compares records written before fingerprints on purpose, channel and card', async () => {
    const { h, spec, other } = await world();
    const first = await verify(h, spec, 'r-1');
    // A request entry as written before issue 14: the record id only.
    const key = compositeKey('verification~request', ['BANK-001', 'r-1']);
    h.world.state.set(key, Buffer.from(JSON.stringify({ recordId: first.recordId })));
    expect(await verify(h, spec, 'r-1')).toMatchObject({ recordId: first.recordId, replayed: true });
    expect(
      (
        await h.refuse(bank, (ctx) =>
          verification.VerifyCard(
            ctx,
            'r-1',
            'ACCOUNT_OPENING',
            other.cardRef,
            other.personRef,
            other.nameCheck,
            other.validFrom,
            other.validUntil,
          ),
        )
      ).code,
    ).toBe('IDEMPOTENCY_MISMATCH');
    expect(
      (
        await h.refuse(bank, (ctx) =>
          verification.VerifyCard(
            ctx,
            'r-1',
            'LOAN_APPLICATION',
            spec.cardRef,
            spec.personRef,
            spec.nameCheck,
            spec.validFrom,
            spec.validUntil,
          ),
        )
      ).code,
    ).toBe('IDEMPOTENCY_MISMATCH');
  });
});
