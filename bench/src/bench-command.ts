/**
 * `idcard bench`: starts its own network in a fresh data dir (or uses the
 * network of `--data-dir`, starting it when it is not running), deploys the yardstick chaincode, starts a
 * bench gateway, issues cards, then runs every workload side by side for a
 * warm-up and a fixed window, replays the ledger it made, prints one table
 * and writes bench/results/<timestamp>.json. Stops what it started.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import {
  benchChaincodeNodes,
  dataPaths,
  loadNetworkConfig,
  networkDown,
  networkStatus,
  nodeDataDirs,
  orderingTunables,
  peerNodes,
  peerOrgs,
  pidFileOf,
  stopProcess,
  withFreeBasePort,
  type ResolvedConfig,
} from '@idcard/network';
import { clientWithRole, configuredClients, startSystem } from '@idcard/system';
import { deployBenchChaincode } from './bench-chaincode';
import { benchPerson, issueLedgerCards } from './bench-cards';
import { ratios, replayRate, workloadFigures, workloadTable, type WorkloadFigures } from './bench-figures';
import { measureWorkload, type MeasuredWorkload } from './bench-run';
import { directCallers } from './direct-clients';
import { peakRssMiB } from './resource-accounting';
import { sampledPaths } from './resource-sampler';
import { benchGatewayName, benchRestCallers } from './rest-callers';
import {
  directSingleOperation,
  invalidationRound,
  issueRestCards,
  restBulkOperation,
  restSingleOperation,
  trivialOperation,
  type BenchCast,
} from './bench-workloads';
import { benchResultsJson, resourceSummary } from './bench-report';
import { collectGoProfiles } from './go-profiles';

/** Options of `idcard bench`, as its command line gives them. */
export interface BenchOptions {
  /** Data dir of a network to use (started for the bench when not running); default: a fresh one. */
  dataDir?: string;
  config?: string;
  basePort?: string;
  consensus?: 'raft' | 'bft';
  duration: string;
  warmup: string;
  concurrency: string;
  bulkConcurrency: string;
  cards: string;
  profile?: string;
  keep?: boolean;
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not '${value}'`);
  return n;
}

async function benchConfig(
  opts: BenchOptions,
  stamp: string,
): Promise<{ cfg: ResolvedConfig; own: boolean }> {
  const overrides = {
    basePort: opts.basePort === undefined ? undefined : Number(opts.basePort),
    consensus: opts.consensus,
    profileDir: opts.profile,
  };
  if (opts.dataDir !== undefined)
    return { cfg: loadNetworkConfig(opts.config, { ...overrides, dataDir: opts.dataDir }), own: false };
  const cfg = loadNetworkConfig(opts.config, { ...overrides, dataDir: join('.data', 'bench', stamp) });
  return { cfg: opts.basePort === undefined ? await withFreeBasePort(cfg) : cfg, own: true };
}

/** The officer and the first registered relying unit of the config, and that unit's first purpose. */
function benchCast(cfg: ResolvedConfig): BenchCast {
  const officer = clientWithRole(cfg, 'officer')?.client.name;
  const unit = configuredClients(cfg).find(({ client }) => client.registration !== undefined)?.client;
  const purpose = unit?.registration?.allowedPurposes[0];
  if (officer === undefined || unit === undefined || purpose === undefined)
    throw new Error('the network config needs an officer and a registered relying unit');
  return { officer, unit: unit.name, purpose, chaincode: cfg.chaincode.name };
}

/**
 * `idcard audit replay` of the first peer's ledger in a child process:
 * transactions, wall seconds (with the command's start-up), the command's
 * own rate (from its last progress line, without start-up) and its verdict.
 */
function replayLedger(cfg: ResolvedConfig): {
  transactions: number;
  seconds: number;
  perSecond: number | null;
  ok: boolean;
} {
  const [peer] = peerNodes(cfg);
  if (peer === undefined) throw new Error('no peer');
  const jsonFile = join(dataPaths(cfg).root, 'bench-replay.json');
  const t0 = performance.now();
  const res = spawnSync(
    process.execPath,
    [
      join(cfg.projectRoot, 'scripts', 'bin', 'idcard.js'),
      'audit',
      'replay',
      '--ledger-dir',
      nodeDataDirs(peer).ledger,
      '--channel',
      cfg.channel,
      '--namespace',
      cfg.chaincode.name,
      '--json',
      jsonFile,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
  );
  const seconds = (performance.now() - t0) / 1000;
  if (res.status !== 0 && res.status !== 1) throw new Error(`audit replay failed: ${res.stderr.trim()}`);
  const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as {
    ok: boolean;
    transactions: { total: number };
  };
  return {
    transactions: report.transactions.total,
    seconds,
    perSecond: replayRate(res.stderr),
    ok: report.ok,
  };
}

/** Stops the processes the bench added to a network it did not start. */
async function stopBenchProcesses(cfg: ResolvedConfig): Promise<void> {
  for (const org of peerOrgs(cfg))
    await stopProcess(join(dataPaths(cfg).run, `${benchGatewayName(org.name)}.pid`));
  for (const node of benchChaincodeNodes(cfg)) await stopProcess(pidFileOf(cfg, node));
}

/** Runs the bench; see the file comment. */
export async function benchCommand(opts: BenchOptions): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const durationMs = positive('duration', opts.duration) * 1000;
  const warmupMs = positive('warmup', opts.warmup) * 1000;
  const concurrency = positive('concurrency', opts.concurrency);
  const bulkConcurrency = positive('bulk-concurrency', opts.bulkConcurrency);
  const cardCount = positive('cards', opts.cards);
  const { cfg, own } = await benchConfig(opts, stamp);
  const startedAt = new Date().toISOString();
  // A --data-dir whose network is not running is brought up for the bench and stopped after it
  // (its data stays); a running one is used and left running.
  const startedHere = !own && (await networkStatus(cfg)).every((node) => node.pid === null);
  log(
    `bench: network in ${cfg.dataDir}${own ? ' (own, removed at the end unless --keep)' : startedHere ? ' (not running: started now, stopped at the end)' : ' (running: left running)'}`,
  );
  let closeDirect = (): void => undefined;
  try {
    const system = await startSystem(cfg, log, { gatewayMs: 120_000, bootstrapMs: 300_000 });
    await deployBenchChaincode(cfg, system.up.programs, system.up.identities, log);
    const rest = await benchRestCallers(cfg);
    const callers = directCallers(cfg, system.up.identities);
    closeDirect = () => {
      callers.close();
    };
    const cast = benchCast(cfg);
    const run = Date.now() % 997;
    log(`issuing ${String(cardCount)} cards through the API and ${String(cardCount)} on the ledger ...`);
    const people = Array.from({ length: cardCount }, (_, i) => benchPerson(run, i));
    await issueRestCards(rest, cast, people);
    const ledgerCards = await issueLedgerCards(callers, cast.chaincode, cast.officer, cardCount);
    const paths = sampledPaths(cfg);
    const common = { warmupMs, durationMs, progress: log };
    const measured: MeasuredWorkload[] = [];
    // With --profile, every peer and orderer is profiled over each workload's warm-up and window.
    const runOne = async (m: Promise<MeasuredWorkload>, name: string): Promise<void> => {
      const profiles = collectGoProfiles(cfg, name, (warmupMs + durationMs) / 1000, log);
      measured.push(await m);
      await profiles;
    };
    await runOne(
      measureWorkload(
        { ...common, name: 'trivial', concurrency, batchSize: 1, operation: trivialOperation(callers, cast) },
        paths,
      ),
      'trivial',
    );
    await runOne(
      measureWorkload(
        {
          ...common,
          name: 'direct-single',
          concurrency,
          batchSize: 1,
          operation: directSingleOperation(callers, cast, ledgerCards),
        },
        paths,
      ),
      'direct-single',
    );
    await runOne(
      measureWorkload(
        {
          ...common,
          name: 'rest-single',
          concurrency,
          batchSize: 1,
          operation: restSingleOperation(rest, cast, people),
        },
        paths,
      ),
      'rest-single',
    );
    for (const size of [100, 500]) {
      await runOne(
        measureWorkload(
          {
            ...common,
            name: 'rest-bulk',
            concurrency: bulkConcurrency,
            batchSize: size,
            operation: restBulkOperation(rest, cast, people, size),
          },
          paths,
        ),
        `rest-bulk-${String(size)}`,
      );
    }
    // Invalidation rounds one after the other while half the single-verification load runs beside them.
    const rounds: { firstInvalidMs: number; reportCommittedMs: number }[] = [];
    let round = 0;
    const windowStart = Date.now() + warmupMs;
    const background = measureWorkload(
      {
        ...common,
        name: 'invalidation-load',
        concurrency: Math.max(1, Math.floor(concurrency / 2)),
        batchSize: 1,
        operation: restSingleOperation(rest, cast, people),
      },
      paths,
    );
    const invalidation = measureWorkload(
      {
        ...common,
        name: 'invalidation',
        concurrency: 1,
        batchSize: 1,
        operation: async () => {
          round += 1;
          const t0 = Date.now();
          const r = await invalidationRound(rest, cast, benchPerson(run, cardCount + round));
          if (t0 >= windowStart) rounds.push(r);
          return 1;
        },
      },
      paths,
    );
    const [load, inv] = await Promise.all([background, invalidation]);
    measured.push(load);
    const invRow = workloadFigures('invalidation', 1, 1, {
      latenciesMs: rounds.map((r) => r.firstInvalidMs),
      items: rounds.length,
      errors: inv.figures.errors,
      seconds: durationMs / 1000,
    });
    // The progress line of `invalidation` times whole rounds (issue, verify, report, verify until
    // INVALID); the figure of the workload is report-lost to the first INVALID answer.
    log(
      `  invalidation, report-lost to the first INVALID answer: p50 ${String(invRow.p50Ms)} ms, p99 ${String(invRow.p99Ms)} ms over ${String(rounds.length)} rounds (the line above times whole rounds)`,
    );
    log(`replaying the ledger (idcard audit replay) ...`);
    const replay = replayLedger(cfg);
    const replayRow: WorkloadFigures = {
      name: 'replay',
      concurrency: 1,
      batchSize: 0,
      committedPerSecond: replay.perSecond ?? Math.round(replay.transactions / replay.seconds),
      p50Ms: null,
      p99Ms: null,
      errors: replay.ok ? 0 : 1,
      committed: replay.transactions,
      seconds: Math.round(replay.seconds * 10) / 10,
    };
    const rows = [...measured.map((m) => m.figures), invRow, replayRow];
    const resources = resourceSummary(measured, peakRssMiB(measured.flatMap((m) => m.samples)));
    const results = benchResultsJson({
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      network: {
        consensus: cfg.consensus,
        endorsementPolicy: cfg.chaincode.endorsementPolicy,
        ordering: orderingTunables(cfg),
        logLevel: cfg.logLevel ?? 'info',
        profiled: cfg.profileDir !== undefined,
      },
      options: {
        durationS: durationMs / 1000,
        warmupS: warmupMs / 1000,
        concurrency,
        bulkConcurrency,
        cards: cardCount,
      },
      workloads: rows,
      ratios: ratios(rows),
      invalidation: { reportCommittedMs: rounds.map((r) => Math.round(r.reportCommittedMs)) },
      resources,
      replayOk: replay.ok,
      errorSamples: Object.fromEntries(
        measured.map((m) => [`${m.figures.name}/${String(m.figures.batchSize)}`, m.errorSamples]),
      ),
    });
    const dir = join(cfg.projectRoot, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${stamp}.json`);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${workloadTable(rows)}\n\n`);
    process.stdout.write(`ratios: ${JSON.stringify(results.ratios)}\n`);
    process.stdout.write(`resources: ${JSON.stringify(resources)}\n`);
    process.stdout.write(`written ${file}\n`);
  } finally {
    closeDirect();
    if (own) {
      log('stopping the bench network ...');
      await networkDown(cfg);
      if (opts.keep !== true) rmSync(cfg.dataDir, { recursive: true, force: true });
    } else if (startedHere) {
      log('stopping the network the bench started ...');
      await networkDown(cfg);
    } else {
      await stopBenchProcesses(cfg);
    }
  }
}
