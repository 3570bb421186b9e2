import { LedgerUnavailableError } from '../ledger/ledger-errors';
import { createConcurrencyGuard } from './concurrency-guard';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('concurrency guard', () => {
  it('queues calls beyond the limit and runs them in order as slots free', async () => {
    const guard = createConcurrencyGuard(2, 10);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      guard.run(async () => {
        started.push(i);
        await g.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(guard.queued).toBe(1);
    gates[0]?.resolve();
    await runs[0];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates[1]?.resolve();
    gates[2]?.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(guard.active).toBe(0);
  });

  it('refuses when the queue is full', async () => {
    const guard = createConcurrencyGuard(1, 0);
    const gate = deferred();
    const first = guard.run(() => gate.promise);
    await expect(guard.run(() => Promise.resolve())).rejects.toBeInstanceOf(LedgerUnavailableError);
    gate.resolve();
    await first;
  });

  it('drain waits for in-flight calls and refuses new ones', async () => {
    const guard = createConcurrencyGuard(1, 5);
    const gate = deferred();
    let finished = false;
    const inflight = guard.run(async () => {
      await gate.promise;
      finished = true;
    });
    const drained = guard.drain();
    await expect(guard.run(() => Promise.resolve())).rejects.toBeInstanceOf(LedgerUnavailableError);
    gate.resolve();
    await drained;
    expect(finished).toBe(true);
    await inflight;
  });
});
