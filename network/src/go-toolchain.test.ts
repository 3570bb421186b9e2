import { goVersionAtLeast, parseGoVersion } from './go-toolchain';

describe('go toolchain version check', () => {
  it.each([
    ['go1.26.8', '1.26.4', true],
    ['go1.26.4', '1.26.4', true],
    ['go1.26.3', '1.26.4', false],
    ['go1.25.9', '1.26.4', false],
    ['go1.27', '1.26.4', true],
    ['go2.0.0', '1.26.4', true],
  ])('%s satisfies %s: %s', (have, need, ok) => {
    expect(goVersionAtLeast(parseGoVersion(have)!, parseGoVersion(need)!)).toBe(ok);
  });

  it('does not parse text without a version', () => {
    expect(parseGoVersion('devel')).toBeUndefined();
  });
});
