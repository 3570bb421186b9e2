import { LedgerBusyError, LedgerUnavailableError } from '../ledger/ledger-errors';
import { createConcurrencyGuard } from './concurrency-guard';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets queued continuations run. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

describe('concurrency guard', () => {
  it('queues calls beyond the limit and runs them in order as slots free', async () => {
    const guard = createConcurrencyGuard({ maxConcurrent: 2, maxQueued: 10 });
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      guard.run('bank', async () => {
        started.push(i);
        await g.promise;
        return i;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect(guard.queued).toBe(1);
    gates[0]?.resolve();
    await runs[0];
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[1]?.resolve();
    gates[2]?.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(guard.active).toBe(0);
  });

  it('keeps a share for every caller: one caller cannot take every slot', async () => {
    const guard = createConcurrencyGuard({ maxConcurrent: 4, maxQueued: 100, perCallerConcurrent: 2 });
    const gate = deferred();
    const started: string[] = [];
    const call = (owner: string) =>
      guard.run(owner, async () => {
        started.push(owner);
        await gate.promise;
      });
    const flood = Array.from({ length: 10 }, () => call('greedy'));
    await settle();
    expect(started).toEqual(['greedy', 'greedy']);
    const polite = call('polite');
    await settle();
    expect(started).toEqual(['greedy', 'greedy', 'polite']);
    gate.resolve();
    await Promise.all([...flood, polite]);
    expect(started.filter((o) => o === 'greedy')).toHaveLength(10);
  });

  it('gives freed slots to waiting callers in turn, not to the longest queue', async () => {
    const guard = createConcurrencyGuard({ maxConcurrent: 1, maxQueued: 100 });
    const gates: (() => void)[] = [];
    const started: string[] = [];
    const call = (owner: string) =>
      guard.run(owner, async () => {
        started.push(owner);
        await new Promise<void>((r) => gates.push(r));
      });
    const runs = [call('a'), call('a'), call('a'), call('b'), call('c')];
    for (let i = 0; i < 5; i += 1) {
      await settle();
      gates.shift()?.();
    }
    await Promise.all(runs);
    expect(started).toEqual(['a', 'a', 'b', 'c', 'a']);
  });

  it('refuses a caller whose own queue is full as busy, and anyone when the whole queue is full', async () => {
    const guard = createConcurrencyGuard({
      maxConcurrent: 1,
      maxQueued: 2,
      perCallerConcurrent: 1,
      perCallerQueued: 1,
    });
    const gate = deferred();
    const first = guard.run('a', () => gate.promise);
    const waiting = guard.run('a', () => Promise.resolve());
    await expect(guard.run('a', () => Promise.resolve())).rejects.toBeInstanceOf(LedgerBusyError);
    const other = guard.run('b', () => Promise.resolve());
    await expect(guard.run('c', () => Promise.resolve())).rejects.toBeInstanceOf(LedgerUnavailableError);
    gate.resolve();
    await Promise.all([first, waiting, other]);
  });

  it('drain waits for in-flight calls and refuses new ones', async () => {
    const guard = createConcurrencyGuard({ maxConcurrent: 1, maxQueued: 5 });
    const gate = deferred();
    let finished = false;
    const inflight = guard.run('a', async () => {
      await gate.promise;
      finished = true;
    });
    const drained = guard.drain();
    await expect(guard.run('a', () => Promise.resolve())).rejects.toBeInstanceOf(LedgerUnavailableError);
    gate.resolve();
    await drained;
    expect(finished).toBe(true);
    await inflight;
  });
});
