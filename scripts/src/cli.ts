/**
 * The idcard command line: build the Fabric programs, bring the network up
 * and down, show its status, register identities, reap test processes.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ensurePrograms, writeOrgBundle } from '@idcard/network';
import { benchCommand } from '@idcard/bench';
import { describeError as describe, stopSystem, systemStatus, type SystemStatus } from '@idcard/system';
import { registerAuditCommands } from './audit-command';
import { registerIdentityCommand } from './identity-command';
import { configFrom, type NetworkOptions } from './network-options';
import { upCommand } from './up-command';

function withNetworkOptions(cmd: Command): Command {
  return cmd
    .option('--data-dir <dir>', 'data dir of the network (default: IDCARD_DATA_DIR or .data/network)')
    .option('--config <file>', 'network config file (default: network/network.config.json)')
    .option('--base-port <port>', 'first port of the network (overrides the config)')
    .addOption(new Option('--consensus <type>', 'ordering consensus').choices(['raft', 'bft']))
    .option(
      '--https',
      "gateways over HTTPS, TLS certificates from each organisation's CA (or gateway.https in the config)",
    );
}

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function buildCommand(opts: NetworkOptions & { json?: string }): Promise<void> {
  const cfg = configFrom(opts);
  const verdict: {
    ca: boolean;
    fabric: boolean;
    reason?: string;
    caReason?: string;
    fabricSource?: string;
  } = {
    ca: false,
    fabric: false,
  };
  try {
    await ensurePrograms(cfg, log, ['fabric-ca']);
    verdict.ca = true;
  } catch (err) {
    verdict.caReason = describe(err);
  }
  try {
    const programs = await ensurePrograms(cfg, log, ['fabric']);
    verdict.fabric = true;
    verdict.fabricSource = programs.fabricSource;
    log(`using ${programs.fabricSource}`);
  } catch (err) {
    verdict.reason = describe(err);
  }
  if (opts.json !== undefined) writeFileSync(opts.json, JSON.stringify(verdict));
  if (!verdict.ca || !verdict.fabric) {
    process.stderr.write(`idcard build: ${verdict.caReason ?? verdict.reason ?? ''}\n`);
    process.exitCode = 2;
  }
}

/** For a gateway's status line: its URL and the configured callers that use it (its organisation's). */
function gatewayNote(status: SystemStatus, name: string): string {
  const gateway = status.gateways.find((g) => g.name === name);
  if (gateway === undefined) return '';
  const { callers } = gateway;
  return ` ${gateway.url} callers: ${callers.length > 0 ? callers.join(', ') : 'none configured'}`;
}

async function statusCommand(opts: NetworkOptions & { json?: boolean }): Promise<void> {
  const cfg = configFrom(opts);
  const status = await systemStatus(cfg);
  const { dataDir, fabric, nodes, chaincode } = status;
  if (opts.json === true) {
    log(JSON.stringify({ dataDir, fabric, nodes, chaincode }, null, 2));
    return;
  }
  log(`data dir ${dataDir}`);
  log(`fabric: ${fabric}`);
  log(
    `chaincode ${cfg.chaincode.name}: ${chaincode === null ? 'unknown' : `version ${chaincode.version}, sequence ${String(chaincode.sequence)}`}`,
  );
  for (const n of nodes) {
    const height =
      n.blockHeight === undefined ? '' : ` height=${n.blockHeight === null ? '-' : String(n.blockHeight)}`;
    const rss = n.rssBytes === undefined ? '' : ` rss=${(n.rssBytes / 2 ** 20).toFixed(0)}MiB`;
    log(
      `${n.name.padEnd(26)} ${n.kind.padEnd(9)} pid=${n.pid ?? '-'} ${n.healthy ? 'healthy' : 'DOWN'}${height}${rss}${gatewayNote(status, n.name)}`,
    );
  }
}

/** Stops every process with a pid file in any `run` folder below `dir` (test clean-up). */
async function reapCommand(dir: string): Promise<void> {
  const { stopProcess } = await import('@idcard/network');
  const visit = async (d: string, depth: number): Promise<void> => {
    if (depth > 6 || !existsSync(d)) return;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (!statSync(p).isDirectory()) continue;
      if (name === 'run') {
        for (const f of readdirSync(p).filter((x) => x.endsWith('.pid'))) {
          if (await stopProcess(join(p, f))) log(`reaped ${f.replace(/\.pid$/, '')}`);
        }
      } else {
        await visit(p, depth + 1);
      }
    }
  };
  await visit(dir, 0);
}

/** Builds the command tree (separate from running it, for tests). */
export function buildProgram(): Command {
  const program = new Command('idcard').description('Resident ID-card status network').showHelpAfterError();
  withNetworkOptions(program.command('build'))
    .description('build (or find) the pinned Fabric and Fabric CA programs')
    .option('--json <file>', 'write {ca, fabric, reason} to a file')
    .action(buildCommand);
  withNetworkOptions(program.command('up'))
    .description('start CAs, orderers, peers, channel, chaincode and one gateway per peer organisation')
    .option('--detach', 'leave the processes running in the background')
    .action(upCommand);
  withNetworkOptions(program.command('down'))
    .description('stop every process this tool started for the data dir')
    .option('--purge', 'also remove the data dir')
    .action(async (opts: NetworkOptions & { purge?: boolean }) => {
      const res = await stopSystem(configFrom(opts), { purge: opts.purge === true });
      log(`stopped ${res.stopped.length} process(es)${res.purged ? '; data dir removed' : ''}`);
    });
  withNetworkOptions(program.command('status'))
    .description('show every node: pid, health, block height')
    .option('--json', 'machine-readable output')
    .action(statusCommand);
  withNetworkOptions(program.command('identity'))
    .description('register and enrol a client identity at an organisation CA (works while the network runs)')
    .requiredOption('--org <name>', 'organisation, e.g. relyingparty')
    .requiredOption('--name <name>', 'identity name')
    .addOption(
      new Option('--role <role>', 'role attribute')
        .choices(['officer', 'operator', 'verifier', 'auditor'])
        .makeOptionMandatory(),
    )
    .option('--unit <unit>', 'unit attribute (required for verifiers and officers)')
    .action(registerIdentityCommand);
  withNetworkOptions(program.command('bundle'))
    .description(
      "write one organisation's deployment bundle (crypto material, node env files, connection details)",
    )
    .requiredOption('--org <name>', 'organisation')
    .requiredOption('--out <dir>', 'output folder')
    .action((opts: NetworkOptions & { org: string; out: string }) => {
      writeOrgBundle(configFrom(opts), opts.org, opts.out);
      log(`bundle for ${opts.org} written to ${opts.out}`);
    });
  withNetworkOptions(program.command('bench'))
    .description(
      'measure the workloads side by side on its own network (or the running one of --data-dir); writes bench/results/<timestamp>.json',
    )
    .option('--duration <s>', 'measured seconds per workload', '40')
    .option('--warmup <s>', 'warm-up seconds before each workload is measured', '5')
    .option('--concurrency <n>', 'single verifications (and trivial writes) in flight', '50')
    .option('--bulk-concurrency <n>', 'batches in flight', '4')
    .option('--cards <n>', 'cards issued for the workloads', '50')
    .option(
      '--profile <dir>',
      'profile every node (a fresh network only): Node CPU profiles and Go pprof into <dir>',
    )
    .option('--keep', 'keep the data dir of the own network')
    .action(benchCommand);
  registerAuditCommands(program);
  program.command('reap <dir>', { hidden: true }).action(reapCommand);
  return program;
}

/**
 * Runs the CLI to the end; errors become one clear message and a non-zero
 * exit status. Commander has already printed its own usage errors; a command
 * that overrides commander's exit (idcard audit) throws its CommanderError
 * here to set the status.
 */
export async function run(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    process.stderr.write(`idcard: ${describe(err)}\n`);
    process.exitCode = 1;
  }
}

/** The entry point of the bin. */
export function main(argv: readonly string[]): void {
  void run(argv);
}
