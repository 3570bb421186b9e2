import '../test-support/quiet-logs';
import { GUARD_KEYS, MSP_IDS } from '@idcard/common';
import { cardSpec, type CardSpec } from '../test-support/fixtures';
import { contracts, Harness } from '../test-support/harness';
import { callers } from '../test-support/identities';

const { verification, privacy } = contracts;
const officer = callers.officer('PSB-0303');
const bank = callers.verifier('BANK-001');

function verify(h: Harness, spec: CardSpec, requestId: string) {
  return h.run(bank, (ctx) =>
    verification.VerifyCard(
      ctx,
      requestId,
      'ACCOUNT_OPENING',
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
  await h.bootstrap();
  await h.registerUnit('BANK-001');
  const spec = cardSpec('holder');
  await h.issue(spec);
  for (let i = 0; i < 3; i += 1) await verify(h, spec, `r-${i}`);
  return { h, spec };
}

describe('privacy: an officer reading a card trail is recorded on the ledger', () => {
  it('returns the trail and records who read it, when and why, with a TrailRead event and the guard', async () => {
    const { h, spec } = await world();
    const txTime = h.now;
    const page = await h.run(officer, (ctx) =>
      privacy.ReadCardTrail(ctx, spec.cardRef, 'FRAUD_INVESTIGATION', '', ''),
    );
    expect(page.items.map((r) => r.requestId)).toEqual(['r-0', 'r-1', 'r-2']);
    expect(page.bookmark).toBe('');
    const txId = h.last?.getTxID() ?? '';
    const read = {
      readId: `${txId}.0`,
      cardRef: spec.cardRef,
      officerUnit: 'PSB-0303',
      purpose: 'FRAUD_INVESTIGATION',
    };
    expect(h.last?.events).toEqual([{ name: 'TrailRead', payload: read }]);
    expect(h.last?.writes.has(GUARD_KEYS.cards)).toBe(true);
    const reads = await h.run(callers.auditor(MSP_IDS.bigDataBureau), (ctx) =>
      privacy.ListTrailReads(ctx, spec.cardRef, '', ''),
    );
    expect(reads.items).toEqual([{ ...read, txId, txTime }]);
  });

  it('pages the trail without a paginated query, recording every page read', async () => {
    const { h, spec } = await world();
    const first = await h.run(officer, (ctx) =>
      privacy.ReadCardTrail(ctx, spec.cardRef, 'CITIZEN_REQUEST', '2', ''),
    );
    expect(h.last?.pagedQueries).toBe(0);
    const second = await h.run(officer, (ctx) =>
      privacy.ReadCardTrail(ctx, spec.cardRef, 'CITIZEN_REQUEST', '2', first.bookmark),
    );
    expect([...first.items, ...second.items].map((r) => r.requestId)).toEqual(['r-0', 'r-1', 'r-2']);
    expect(second.bookmark).toBe('');
    const reads = await h.run(officer, (ctx) => privacy.ListTrailReads(ctx, spec.cardRef, '1', ''));
    expect(reads.items).toHaveLength(1);
    const rest = await h.run(officer, (ctx) =>
      privacy.ListTrailReads(ctx, spec.cardRef, '1', reads.bookmark),
    );
    expect(rest).toMatchObject({ bookmark: '', items: [{ purpose: 'CITIZEN_REQUEST' }] });
  });

  it('refuses an unknown purpose, a malformed card reference and a foreign bookmark, writing nothing', async () => {
    const { h, spec } = await world();
    const codes = [
      (await h.refuse(officer, (ctx) => privacy.ReadCardTrail(ctx, spec.cardRef, 'CURIOSITY', '', ''))).code,
      (await h.refuse(officer, (ctx) => privacy.ReadCardTrail(ctx, 'card', 'CITIZEN_REQUEST', '', ''))).code,
      (
        await h.refuse(officer, (ctx) =>
          privacy.ReadCardTrail(ctx, spec.cardRef, 'CITIZEN_REQUEST', '', 'b3RoZXI'),
        )
      ).code,
    ];
    expect(codes).toEqual(['VALIDATION', 'VALIDATION', 'VALIDATION']);
    const empty = await h.run(officer, (ctx) => privacy.ListTrailReads(ctx, spec.cardRef, '', ''));
    expect(empty.items).toEqual([]);
  });
});
