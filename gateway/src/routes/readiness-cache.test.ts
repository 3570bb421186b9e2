import type { Readiness } from '../ledger/ledger-client';
import { cachedReadiness } from './readiness-cache';

const answer = (ready: boolean): Readiness => ({ ready, peers: [], chaincode: ready });

describe('cachedReadiness', () => {
  it('asks again only once the answer is older than the ttl', async () => {
    let time = 0;
    let probes = 0;
    const readiness = cachedReadiness(
      () => {
        probes += 1;
        return Promise.resolve(answer(probes % 2 === 1));
      },
      1_000,
      () => time,
    );
    expect((await readiness()).ready).toBe(true);
    time = 999;
    expect((await readiness()).ready).toBe(true);
    expect(probes).toBe(1);
    time = 1_000;
    expect((await readiness()).ready).toBe(false);
    expect(probes).toBe(2);
  });

  it('shares one probe between concurrent callers and does not cache a failure', async () => {
    let probes = 0;
    let release: (r: Readiness) => void = () => undefined;
    const readiness = cachedReadiness(
      () => {
        probes += 1;
        return new Promise<Readiness>((resolve) => (release = resolve));
      },
      0,
      () => 0,
    );
    const both = Promise.all([readiness(), readiness()]);
    release(answer(true));
    expect((await both).map((r) => r.ready)).toEqual([true, true]);
    expect(probes).toBe(1);
    const failing = cachedReadiness(() => Promise.reject(new Error('probe bug')), 1_000);
    await expect(failing()).rejects.toThrow('probe bug');
  });
});
