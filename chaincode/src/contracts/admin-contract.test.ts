import '../test-support/quiet-logs';
import { GUARD_KEYS, MSP_IDS } from '@idcard/common';
import { decodePolicy } from '../ledger/endorsement-policies';
import { cardSpec } from '../test-support/fixtures';
import { Harness } from '../test-support/harness';

describe('admin: Bootstrap', () => {
  it('creates guard/cards (PublicSecurityMSP) and guard/units (BigDataBureauMSP) once', async () => {
    const h = new Harness();
    const result = await h.bootstrap();
    expect(result).toEqual({ guards: [GUARD_KEYS.cards, GUARD_KEYS.units], created: true });
    expect(decodePolicy(h.world.policies.get(GUARD_KEYS.cards))).toEqual([MSP_IDS.publicSecurity]);
    expect(decodePolicy(h.world.policies.get(GUARD_KEYS.units))).toEqual([MSP_IDS.bigDataBureau]);
    const again = await h.bootstrap();
    expect(again.created).toBe(false);
    expect(h.last?.wroteNothing()).toBe(true);
  });

  it('gives a guard its policy even when an issuance wrote the guard value first', async () => {
    const h = new Harness();
    await h.issue(cardSpec('early'));
    expect(decodePolicy(h.world.policies.get(GUARD_KEYS.cards))).toEqual([]);
    await h.bootstrap();
    expect(decodePolicy(h.world.policies.get(GUARD_KEYS.cards))).toEqual([MSP_IDS.publicSecurity]);
    await h.issue(cardSpec('later'));
    expect(decodePolicy(h.world.policies.get(GUARD_KEYS.cards))).toEqual([MSP_IDS.publicSecurity]);
  });
});
