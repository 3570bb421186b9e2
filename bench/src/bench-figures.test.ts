import { percentile, ratios, replayRate, textTable, workloadFigures, workloadTable } from './bench-figures';

describe('bench figures', () => {
  it('takes percentiles by nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('shapes a workload row from its samples: rate over the window, rounded latencies', () => {
    const row = workloadFigures('rest-single', 50, 1, {
      latenciesMs: [300.4, 100.2, 200.6],
      items: 30,
      errors: 2,
      seconds: 20,
    });
    expect(row).toEqual({
      name: 'rest-single',
      concurrency: 50,
      batchSize: 1,
      committedPerSecond: 1.5,
      p50Ms: 201,
      p99Ms: 300,
      errors: 2,
      committed: 30,
      seconds: 20,
    });
  });

  it('counts batch items, not batches, and gives null latencies without samples', () => {
    const row = workloadFigures('rest-bulk', 4, 500, { latenciesMs: [], items: 0, errors: 3, seconds: 10 });
    expect(row.committedPerSecond).toBe(0);
    expect(row.p50Ms).toBeNull();
    expect(row.p99Ms).toBeNull();
  });

  it('computes the two ratios, null when a side is missing or zero', () => {
    const row = (name: string, committedPerSecond: number) => ({
      ...workloadFigures(name, 1, 1, { latenciesMs: [], items: 0, errors: 0, seconds: 1 }),
      committedPerSecond,
    });
    expect(ratios([row('trivial', 200), row('direct-single', 100), row('rest-single', 90)])).toEqual({
      'direct-single/trivial': 0.5,
      'rest-single/direct-single': 0.9,
    });
    expect(ratios([row('trivial', 0), row('direct-single', 100)])).toEqual({
      'direct-single/trivial': null,
      'rest-single/direct-single': null,
    });
  });

  it('prints aligned columns with a rule under the header', () => {
    expect(
      textTable(
        ['a', 'bb'],
        [
          ['xyz', '1'],
          ['q', '22'],
        ],
      ).split('\n'),
    ).toEqual(['a    bb', '---  --', 'xyz   1', 'q    22']);
    const table = workloadTable([
      workloadFigures('replay', 1, 0, { latenciesMs: [], items: 5, errors: 0, seconds: 1 }),
    ]);
    expect(table).toMatch(
      /^workload\s+in flight\s+batch\s+committed\/s\s+p50 ms\s+p99 ms\s+errors\s+committed$/m,
    );
    expect(table).toMatch(/^replay\s+1\s+0\s+5\s+-\s+-\s+0\s+5$/m);
  });

  it("reads the replay's own rate from its last progress line, null without one", () => {
    const progress = [
      'replay: block 10, 11 block(s), 120 transaction(s), 50 blocks/s, 5000 tx/s',
      'replay: block 99, 100 block(s), 9832 transaction(s), 80 blocks/s, 9120 tx/s, done',
      '',
    ].join('\n');
    expect(replayRate(progress)).toBe(9120);
    expect(
      replayRate('replay: block 10, 11 block(s), 120 transaction(s), 50 blocks/s, 5000 tx/s\n'),
    ).toBeNull();
    expect(replayRate('')).toBeNull();
  });
});
