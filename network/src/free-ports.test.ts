import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { candidateBasePorts, ephemeralPortRange } from './free-ports';

describe('base ports for test networks', () => {
  it('keeps every block of 1000 ports outside the ephemeral range', () => {
    const bases = candidateBasePorts([32768, 60999]);
    expect(bases[0]).toBe(10000);
    expect(bases).toContain(31000);
    expect(bases).not.toContain(32000);
    expect(bases).toContain(61000);
    expect(bases.every((b) => b + 999 < 32768 || b > 60999)).toBe(true);
    expect(bases.every((b) => b + 1000 <= 65000)).toBe(true);
  });

  it("reads the kernel's range, and falls back to Linux's default", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ports-'));
    writeFileSync(join(dir, 'range'), '40000\t50000\n');
    expect(ephemeralPortRange(join(dir, 'range'))).toEqual([40000, 50000]);
    expect(ephemeralPortRange(join(dir, 'missing'))).toEqual([32768, 60999]);
  });
});
