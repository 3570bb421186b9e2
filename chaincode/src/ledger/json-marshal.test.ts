import { canonicalJson, marshal, unmarshal } from './json-marshal';

describe('deterministic marshal', () => {
  it('sorts keys at every level, keeps array order, drops undefined', () => {
    const value = { b: 1, a: { d: [{ z: 1, y: 2 }], c: null, u: undefined } };
    expect(canonicalJson(value)).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: { c: null, d: [{ y: 2, z: 1 }] }, b: 1 })).toBe(canonicalJson(value));
  });

  it('round-trips through bytes and refuses bytes that are not JSON', () => {
    expect(unmarshal(marshal({ x: ['é'] }))).toEqual({ x: ['é'] });
    expect(() => unmarshal(Buffer.from('{oops'))).toThrow(/^VALIDATION: stored value is not JSON/);
  });
});
