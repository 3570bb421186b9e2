import {
  bytesPerItem,
  cpuMsPerItem,
  cpuTicksOfStat,
  peakRssMiB,
  processKind,
  rssBytesOfStatus,
  type ResourceSample,
} from './resource-accounting';
import { resourceSummary, workloadKey, type WorkloadCost } from './bench-report';
import { workloadFigures } from './bench-figures';

const sample = (cpu: ResourceSample['cpuSeconds'], rss: Record<string, number> = {}): ResourceSample => ({
  cpuSeconds: cpu,
  rssBytes: rss,
  blockFileBytes: 0,
  ordererDiskBytes: 0,
});

describe('resource accounting', () => {
  it('groups supervised processes by kind from their names', () => {
    expect(processKind('orderer2.orderer')).toBe('orderer');
    expect(processKind('peer0.bigdata')).toBe('peer');
    expect(processKind('chaincode.idcard.bigdata')).toBe('chaincode');
    expect(processKind('chaincode.bench.bigdata')).toBe('bench-chaincode');
    expect(processKind('gateway-bench')).toBe('gateway');
    expect(processKind('ca.orderer')).toBe('ca');
    expect(processKind('something-else')).toBeUndefined();
  });

  it('reads user plus system ticks from a stat line whose command holds spaces and parentheses', () => {
    const line = '4242 (node (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 11 0 100 0 0';
    expect(cpuTicksOfStat(line)).toBe(1234 + 567);
    expect(() => cpuTicksOfStat('garbage')).toThrow('not a /proc/<pid>/stat line');
  });

  it('reads VmRSS in bytes, 0 when absent', () => {
    expect(rssBytesOfStatus('Name:\tpeer\nVmRSS:\t  2048 kB\nThreads: 9\n')).toBe(2048 * 1024);
    expect(rssBytesOfStatus('Name:\tzombie\n')).toBe(0);
  });

  it('divides the CPU used between two samples by the items, per kind and in total', () => {
    const before = sample({ peer: 10, gateway: 2, client: 1 });
    const after = sample({ peer: 12, gateway: 3, client: 1, orderer: 0.5 });
    expect(cpuMsPerItem(before, after, 100)).toEqual({ orderer: 5, peer: 20, gateway: 10, total: 35 });
    expect(cpuMsPerItem(before, after, 0)).toEqual({});
  });

  it('gives bytes per item of a growing figure, null without items', () => {
    expect(bytesPerItem(1000, 5000, 8)).toBe(500);
    expect(bytesPerItem(1000, 5000, 0)).toBeNull();
  });

  it("keeps the peak memory per kind, of all processes, and of the network's without the bench's own", () => {
    const mib = 2 ** 20;
    const peaks = peakRssMiB([
      sample({}, { 'peer0.a': 100 * mib, 'peer0.b': 50 * mib, 'bench-client': 10 * mib }),
      sample(
        {},
        { 'peer0.a': 80 * mib, 'peer0.b': 120 * mib, 'bench-client': 10 * mib, 'chaincode.bench.a': 5 * mib },
      ),
    ]);
    expect(peaks).toEqual({ peer: 120, client: 10, 'bench-chaincode': 5, total: 215, network: 200 });
  });

  it('summarises the resources: CPU by workload, block bytes per verification, orderer disk per transaction', () => {
    const cost = (
      name: string,
      batchSize: number,
      blocks: number | null,
      txs: number,
      disk: number,
    ): WorkloadCost => ({
      figures: workloadFigures(name, 1, batchSize, {
        latenciesMs: [],
        items: txs * batchSize,
        errors: 0,
        seconds: 1,
      }),
      cpuMsPerItem: { peer: 1, total: 1 },
      blockFileBytesPerItem: blocks,
      transactions: txs,
      ordererDiskBytes: disk,
    });
    const summary = resourceSummary(
      [
        cost('trivial', 1, 900, 100, 1000),
        cost('rest-single', 1, 4000, 100, 2000),
        cost('rest-bulk', 500, 600, 2, 3000),
      ],
      { total: 1 },
    );
    expect(summary.cpuMsPerItem).toEqual({
      trivial: { peer: 1, total: 1 },
      'rest-single': { peer: 1, total: 1 },
      'rest-bulk-500': { peer: 1, total: 1 },
    });
    expect(summary.blockFileBytesPerVerification).toEqual({
      trivial: 900,
      'rest-single': 4000,
      'rest-bulk-500': 600,
    });
    expect(summary.ordererDiskBytesPerTransaction).toBe(Math.round(6000 / 202));
    expect(workloadKey({ name: 'rest-bulk', batchSize: 100 })).toBe('rest-bulk-100');
  });
});
