/**
 * Verification throughput through the REST API as `up` runs it: starts the
 * whole system (network and gateways) in a temporary folder, issues a set of
 * cards as the officer, then keeps `--concurrency` POST /v1/verifications in
 * flight as the configured relying unit, at its organisation's gateway (with
 * one gateway per organisation the relying parties' gateway asks the
 * bureau's for each card's references), for a warm-up and then `--seconds`.
 * Prints one line of figures and writes
 * bench/results/rest-verify-throughput-<timestamp>.json.
 *
 *   npx tsx --tsconfig tsconfig.check.json bench/src/rest-verify-throughput.ts [--seconds 30] [--warmup 5] [--concurrency 50]
 *
 * Figures from a 2-core machine are noisy: compare runs made one after the
 * other on the same machine, never against a threshold.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadNetworkConfig, withFreeBasePort } from '@idcard/network';
import { startSystem, stopSystem } from '@idcard/system';
import { benchPerson } from './bench-cards';

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

/** A started gateway as `startSystem` reports it. */
interface Stage {
  readonly url: string;
  readonly apiKeysFile: string;
}

/** Each configured caller's key and the URL of the gateway that issued it. */
function callers(stages: readonly Stage[]): Map<string, { key: string; url: string }> {
  const out = new Map<string, { key: string; url: string }>();
  for (const stage of stages) {
    const keys = JSON.parse(readFileSync(stage.apiKeysFile, 'utf8')) as Record<string, string>;
    for (const [name, key] of Object.entries(keys)) out.set(name, { key, url: stage.url });
  }
  return out;
}

async function post(url: string, key: string, path: string, body: unknown): Promise<number> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(120_000),
  });
  await res.arrayBuffer();
  return res.status;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-rest-'));
  const cfg = await withFreeBasePort(loadNetworkConfig(undefined, { dataDir }));
  try {
    const system = await startSystem(cfg, () => undefined, { gatewayMs: 120_000, bootstrapMs: 300_000 });
    const stages: readonly Stage[] = system.gateways;
    const who = callers(stages);
    const officer = who.get('officer1');
    const unit = who.get('unit-lib-0001');
    if (officer === undefined || unit === undefined) throw new Error('no officer1 or unit-lib-0001 key');
    const run = Date.now() % 997;
    const cards = Array.from({ length: cardCount }, (_, i) => benchPerson(run, i));
    for (const card of cards) {
      const status = await post(officer.url, officer.key, '/v1/cards', {
        ...card,
        kind: 'RESIDENT_CARD',
        reasonCode: 'FIRST_ISSUE',
        occurredAt: '2021-05-10T02:00:00Z',
      });
      if (status !== 201) throw new Error(`card issuance answered ${String(status)}`);
    }
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
        let outcome: string;
        try {
          const status = await post(unit.url, unit.key, '/v1/verifications', {
            ...card,
            purpose: 'LIBRARY_MEMBERSHIP',
          });
          outcome = status === 200 ? 'ok' : `HTTP ${String(status)}`;
        } catch (err) {
          outcome = (err as { name?: string }).name ?? 'Error';
        }
        if (Date.now() < startMeasure) continue;
        if (outcome === 'ok') latencies.push(performance.now() - t0);
        else failures.set(outcome, (failures.get(outcome) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    if (latencies.length === 0)
      throw new Error(`nothing committed: ${JSON.stringify(Object.fromEntries(failures))}`);
    const sorted = [...latencies].sort((a, b) => a - b);
    const result = {
      workload: 'rest-single POST /v1/verifications',
      gateways: stages.length,
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
      join(dir, `rest-verify-throughput-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
  } finally {
    await stopSystem(cfg);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
