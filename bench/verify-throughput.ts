/**
 * Verification throughput straight through @hyperledger/fabric-gateway (no
 * REST gateway, no rate limits): starts its own network in a temporary
 * folder, issues a set of cards, then keeps `--concurrency` VerifyCard
 * submits in flight as the configured relying unit, each awaited until
 * commit, for a warm-up and then `--seconds`. Prints one line of figures and
 * writes bench/results/verify-throughput-<timestamp>.json.
 *
 *   npx tsx bench/verify-throughput.ts [--seconds 30] [--warmup 5] [--concurrency 50]
 *
 * Figures from a 2-core machine are noisy: compare runs made one after the
 * other on the same machine, never against a threshold.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { networkDown, networkUp } from '@idcard/network';
import { submitAndCommit } from '../test/support/fabric-client';
import {
  AGENCIES,
  bootstrapGuards,
  ledgerClients,
  registerLibrary,
  submitWhenEndorsable,
  testReference,
} from '../test/support/ledger-clients';
import { testNetworkConfig } from '../test/support/test-network';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '50' },
    cards: { type: 'string', default: '50' },
  },
});
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const concurrency = Number(values.concurrency);
const cardCount = Number(values.cards);

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);

async function main(): Promise<void> {
  const cfg = await testNetworkConfig('bench');
  try {
    const up = await networkUp(cfg, () => undefined);
    const clients = ledgerClients(cfg, up.identities);
    await bootstrapGuards(clients, 'operator1');
    await registerLibrary(clients, 'operator1', 'LIB-0001');
    const cards: { cardRef: string; personRef: string; nameCheck: string }[] = [];
    for (let i = 0; i < cardCount; i++) {
      const card = {
        cardRef: testReference(),
        personRef: testReference(),
        nameCheck: testReference(),
      };
      const issued = await submitWhenEndorsable(
        clients.as('officer1').contract('cards'),
        'IssueCard',
        [
          card.cardRef,
          card.personRef,
          card.nameCheck,
          'RESIDENT_CARD',
          '2021-05-10',
          '2041-05-10',
          'FIRST_ISSUE',
          '2026-01-05T02:00:00Z',
        ],
        AGENCIES,
      );
      if (issued.code !== StatusCode.VALID) throw new Error(`card issuance committed ${String(issued.code)}`);
      cards.push(card);
    }
    const contract = clients.as('unit-lib-0001').contract('verification');
    let seq = 0;
    const latencies: number[] = [];
    const failures = new Map<string, number>();
    const stopAt = Date.now() + (warmup + seconds) * 1000;
    const startMeasure = Date.now() + warmup * 1000;
    const worker = async (): Promise<void> => {
      while (Date.now() < stopAt) {
        const card = cards[seq % cards.length];
        seq += 1;
        if (card === undefined) throw new Error('no cards');
        const t0 = performance.now();
        try {
          const res = await submitAndCommit(contract, 'VerifyCard', [
            `bench-${String(seq)}-${String(Date.now())}`,
            'LIBRARY_MEMBERSHIP',
            card.cardRef,
            card.personRef,
            card.nameCheck,
            '2021-05-10',
            '2041-05-10',
          ]);
          if (Date.now() >= startMeasure) {
            if (res.code === StatusCode.VALID) latencies.push(performance.now() - t0);
            else
              failures.set(`code ${String(res.code)}`, (failures.get(`code ${String(res.code)}`) ?? 0) + 1);
          }
        } catch (err) {
          const name = (err as { name?: string }).name ?? 'Error';
          if (Date.now() >= startMeasure) failures.set(name, (failures.get(name) ?? 0) + 1);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    if (latencies.length === 0)
      throw new Error(`nothing committed: ${JSON.stringify(Object.fromEntries(failures))}`);
    const sorted = [...latencies].sort((a, b) => a - b);
    const result = {
      workload: 'direct-single VerifyCard',
      endorsementPolicy: cfg.chaincode.endorsementPolicy,
      concurrency,
      seconds,
      committed: latencies.length,
      perSecond: Number((latencies.length / seconds).toFixed(1)),
      p50Ms: Math.round(percentile(sorted, 0.5)),
      p99Ms: Math.round(percentile(sorted, 0.99)),
      failures: Object.fromEntries(failures),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    const dir = join(cfg.projectRoot, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, `verify-throughput-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    clients.closeAll();
  } finally {
    await networkDown(cfg);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
