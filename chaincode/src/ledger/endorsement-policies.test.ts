import { MSP_IDS } from '@idcard/common';
import { decodePolicy, encodePolicy, KEY_POLICIES } from './endorsement-policies';

describe('key-level endorsement policies', () => {
  it('encodes "a peer of each organisation" and decodes the organisations back', () => {
    expect(decodePolicy(encodePolicy(KEY_POLICIES.card))).toEqual([
      MSP_IDS.bigDataBureau,
      MSP_IDS.publicSecurity,
    ]);
    expect(decodePolicy(encodePolicy(KEY_POLICIES.unit))).toEqual([MSP_IDS.bigDataBureau]);
    expect(decodePolicy(encodePolicy(KEY_POLICIES.cardsGuard))).toEqual([MSP_IDS.publicSecurity]);
  });

  it('is deterministic, so every endorser writes the same validation parameter', () => {
    expect(Buffer.from(encodePolicy(KEY_POLICIES.card))).toEqual(
      Buffer.from(encodePolicy(KEY_POLICIES.card)),
    );
  });

  it('reads a missing parameter as no policy', () => {
    expect(decodePolicy(undefined)).toEqual([]);
    expect(decodePolicy(new Uint8Array(0))).toEqual([]);
  });
});
