/**
 * `idcard audit replay` and `idcard audit accountability`: replay the channel
 * from a copied ledger directory (or, with `--online`, through a peer), print
 * the summary on stdout and progress on stderr, write the JSON report.
 * Exit status: 0 clean, 1 integrity finding or state difference, 2 the audit
 * could not be made (usage, missing or unreadable input, no connection).
 */
import { CHAINCODE_NAME, CHANNEL_NAME } from '@idcard/common';
import {
  blockfileSource,
  buildAccountabilityReport,
  renderAccountabilityReport,
  runAudit,
  type BlockSource,
  type ReplayProgress,
  type WorldStateReader,
} from '@idcard/audit';
import { Command, CommanderError } from 'commander';
import { checkUnitId, parseInstant, resolveChannelDir, writeJson } from './audit-inputs';
import { openOnlineAudit } from './audit-online';
import { AuditUsageError } from './audit-usage-error';
import { runReceiptCommand, type ReceiptCommandOptions } from './receipt-command';
import { configFrom, type NetworkOptions } from './network-options';

/** Options every audit command takes. */
interface LedgerOptions {
  ledgerDir?: string;
  channel: string;
  namespace: string;
  json?: string;
}

/** Options of `idcard audit replay`. */
export interface ReplayCommandOptions extends LedgerOptions, NetworkOptions {
  checkpoint?: string;
  quiet?: boolean;
  online?: boolean;
  identity?: string;
}

/** Options of `idcard audit accountability`. */
export interface AccountabilityCommandOptions extends LedgerOptions {
  unit: string;
  from: string;
  to: string;
}

/** Exit statuses of the audit commands. */
export const AUDIT_EXIT = { clean: 0, findings: 1, unusable: 2 } as const;

interface Opened {
  readonly source: BlockSource;
  readonly worldState?: WorldStateReader;
  close(): Promise<void>;
}

async function openSource(opts: ReplayCommandOptions): Promise<Opened> {
  if (opts.online === true) {
    if (opts.ledgerDir !== undefined)
      throw new AuditUsageError('give either --ledger-dir or --online, not both');
    return openOnlineAudit(configFrom(opts), {
      channel: opts.channel,
      namespace: opts.namespace,
      ...(opts.identity === undefined ? {} : { identity: opts.identity }),
    });
  }
  return { source: offlineSource(opts), close: () => Promise.resolve() };
}

function offlineSource(opts: LedgerOptions): BlockSource {
  if (opts.ledgerDir === undefined) throw new AuditUsageError('--ledger-dir DIR (or --online) is required');
  return blockfileSource({ channelDir: resolveChannelDir(opts.ledgerDir, opts.channel) });
}

function progressLine(p: ReplayProgress): void {
  process.stderr.write(
    `replay: block ${p.lastBlock}, ${p.blocks} block(s), ${p.transactions} transaction(s), ` +
      `${p.blocksPerSecond.toFixed(0)} blocks/s, ${p.transactionsPerSecond.toFixed(0)} tx/s${p.done ? ', done' : ''}\n`,
  );
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `${err.message}${cause}`;
}

/**
 * Runs one audit command and turns its outcome into the exit status: every
 * failure to audit is one line on stderr and status 2, never a stack trace
 * and never status 1, which means "the ledger has a problem".
 */
async function settle(command: string, run: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await run();
  } catch (err) {
    process.stderr.write(`idcard audit ${command}: ${describe(err)}\n`);
    process.exitCode = AUDIT_EXIT.unusable;
  }
}

/** `idcard audit replay`. */
export async function replayCommand(opts: ReplayCommandOptions): Promise<void> {
  await settle('replay', async () => {
    const opened = await openSource(opts);
    try {
      const run = await runAudit({
        source: opened.source,
        namespace: opts.namespace,
        ...(opts.checkpoint === undefined ? {} : { checkpointFile: opts.checkpoint }),
        ...(opened.worldState === undefined ? {} : { worldState: opened.worldState }),
        ...(opts.quiet === true ? {} : { onProgress: progressLine }),
      });
      if (opts.json !== undefined) await writeJson(opts.json, run.report);
      if (opts.quiet !== true && opts.json !== '-') process.stdout.write(run.text);
      return run.report.ok ? AUDIT_EXIT.clean : AUDIT_EXIT.findings;
    } finally {
      await opened.close();
    }
  });
}

/** `idcard audit accountability`. */
export async function accountabilityCommand(opts: AccountabilityCommandOptions): Promise<void> {
  await settle('accountability', async () => {
    const range = { from: parseInstant('--from', opts.from), to: parseInstant('--to', opts.to) };
    if (range.from > range.to) throw new AuditUsageError('--from is after --to');
    const unit = checkUnitId(opts.unit);
    const run = await runAudit({ source: offlineSource(opts), namespace: opts.namespace });
    const report = buildAccountabilityReport(run.replay.state, range, [unit]);
    const { integrity } = run.report;
    if (opts.json !== undefined) await writeJson(opts.json, { ...report, integrity });
    if (opts.json !== '-') process.stdout.write(renderAccountabilityReport(report));
    if (integrity.ok) return AUDIT_EXIT.clean;
    // The numbers rest on blocks that failed the integrity checks.
    process.stderr.write(
      `idcard audit accountability: the ledger failed ${integrity.failures.length} integrity check(s); run idcard audit replay\n`,
    );
    return AUDIT_EXIT.findings;
  });
}

function withLedgerOptions(cmd: Command): Command {
  return cmd
    .option(
      '--ledger-dir <dir>',
      "a copy of a peer's ledger directory, or of its chains/<channel> block-file folder",
    )
    .option('--channel <name>', 'channel', CHANNEL_NAME)
    .option('--namespace <name>', 'chaincode name whose writes are replayed', CHAINCODE_NAME)
    .option('--json <file>', "write the machine report to a file ('-' for stdout)");
}

/** Adds the `audit` command group to the program. */
export function registerAuditCommands(program: Command): void {
  const audit = program
    .command('audit')
    .description('replay the channel and check its integrity (DESIGN §7)')
    // Commander exits 1 on a wrong command line; here 1 means "findings", so a usage error exits 2.
    .exitOverride((err) => {
      throw new CommanderError(err.exitCode === 0 ? 0 : AUDIT_EXIT.unusable, err.code, err.message);
    });
  withLedgerOptions(audit.command('replay'))
    .description(
      'replay blocks from 0 (or a checkpoint), check the hash chain and signatures, rebuild the state',
    )
    .option(
      '--checkpoint <file>',
      'resume from this checkpoint file if it exists, and save the new one there',
    )
    .option('--quiet', 'no progress lines and no summary (exit status and --json only)')
    .option(
      '--online',
      'read blocks and the world state through a peer as an auditor identity (needs a running network)',
    )
    .option(
      '--identity <name>',
      'auditor client of the network config (with --online; default: the first auditor)',
    )
    .option('--data-dir <dir>', 'data dir of the network (with --online)')
    .option('--config <file>', 'network config file (with --online)')
    .option('--base-port <port>', 'first port of the network (with --online)')
    .action(replayCommand);
  withLedgerOptions(audit.command('accountability'))
    .description("one relying unit's verifications in a time range [from, to), from the replay")
    .requiredOption('--unit <unit>', 'relying unit id')
    .requiredOption('--from <instant>', 'start (inclusive), ISO 8601 instant or date')
    .requiredOption('--to <instant>', 'end (exclusive), ISO 8601 instant or date')
    .action(accountabilityCommand);
  audit
    .command('receipt <file>')
    .description(
      "check a verification receipt: its signatures against the organisations' CA certificates and, " +
        'with --ledger-dir or --online, that its transaction is on the ledger and VALID',
    )
    .option('--ledger-dir <dir>', "a copy of a peer's ledger directory, or of its chains/<channel> folder")
    .option('--online', 'read the block through a peer as an auditor identity (needs a running network)')
    .option('--identity <name>', 'auditor client of the network config (with --online)')
    .option('--channel <name>', 'channel', CHANNEL_NAME)
    .option('--json <file>', "write the machine report to a file ('-' for stdout)")
    .option('--data-dir <dir>', 'data dir of the network (its organisations’ CA certificates)')
    .option('--config <file>', 'network config file')
    .option('--base-port <port>', 'first port of the network (with --online)')
    .action(async (file: string, opts: ReceiptCommandOptions) => {
      await settle('receipt', () => runReceiptCommand(file, opts));
    });
}
