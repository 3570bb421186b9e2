/**
 * `idcard audit receipt FILE`: checks a verification receipt offline against
 * the organisations' CA certificates (from the network data dir) and, with
 * `--ledger-dir` or `--online`, that its transaction is in the block it names
 * and VALID. Exit status 0 accepted, 1 refused (the reasons are printed),
 * 2 the check could not be made.
 */
import { readFileSync } from 'node:fs';
import {
  blockfileSource,
  checkReceipt,
  checkReceiptOnLedger,
  checkReceiptOnPeer,
  parseReceipt,
  ReceiptError,
  receiptOutcome,
  type LedgerPresence,
  type OrgRoots,
  type ReceiptOutcome,
  type VerificationReceipt,
} from '@idcard/audit';
import { loadOrganisationRoots } from '@idcard/gateway';
import type { ResolvedConfig } from '@idcard/network';
import { organisationCaFiles } from '@idcard/system';
import { resolveChannelDir, writeJson } from './audit-inputs';
import { openAuditorBlocks } from './audit-online';
import { AuditUsageError } from './audit-usage-error';
import { configFrom, type NetworkOptions } from './network-options';

/** Options of `idcard audit receipt`. */
export interface ReceiptCommandOptions extends NetworkOptions {
  ledgerDir?: string;
  online?: boolean;
  identity?: string;
  channel: string;
  json?: string;
}

/** What the check found (the `--json` report): the outcome, for a file. */
export interface ReceiptReport extends ReceiptOutcome {
  readonly file: string;
}

/**
 * The CA certificates of every peer organisation, as its MSP folder in the data dir holds them.
 * @throws AuditUsageError when an organisation has none (not brought up in this data dir); Error when one cannot be read
 */
export function organisationRoots(cfg: ResolvedConfig): OrgRoots[] {
  const files = organisationCaFiles(cfg);
  const missing = files.find((org) => org.rootCertPaths.length === 0);
  if (missing !== undefined)
    throw new AuditUsageError(
      `no CA certificate of ${missing.mspId} in ${cfg.dataDir} (run idcard up, or give --data-dir)`,
    );
  return loadOrganisationRoots(files);
}

async function onlinePresence(
  cfg: ResolvedConfig,
  receipt: VerificationReceipt,
  opts: ReceiptCommandOptions,
): Promise<LedgerPresence> {
  const opened = openAuditorBlocks(cfg, {
    channel: opts.channel,
    ...(opts.identity === undefined ? {} : { identity: opts.identity }),
  });
  try {
    return await checkReceiptOnPeer(opened.blocks, receipt);
  } finally {
    opened.close();
  }
}

async function ledgerPresence(
  cfg: ResolvedConfig,
  receipt: VerificationReceipt,
  opts: ReceiptCommandOptions,
): Promise<LedgerPresence | undefined> {
  if (opts.online === true && opts.ledgerDir !== undefined)
    throw new AuditUsageError('give either --ledger-dir or --online, not both');
  if (opts.ledgerDir !== undefined)
    return checkReceiptOnLedger(
      blockfileSource({ channelDir: resolveChannelDir(opts.ledgerDir, opts.channel) }),
      receipt,
    );
  if (opts.online === true) return onlinePresence(cfg, receipt, opts);
  return undefined;
}

/**
 * Checks one receipt file.
 * @throws AuditUsageError, BlockSourceError when the check cannot be made
 */
export async function checkReceiptFile(file: string, opts: ReceiptCommandOptions): Promise<ReceiptReport> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AuditUsageError(`cannot read ${file}`, { cause: err });
  }
  const cfg = configFrom(opts);
  const trust = organisationRoots(cfg);
  let receipt: VerificationReceipt;
  try {
    receipt = parseReceipt(text);
  } catch (err) {
    if (!(err instanceof ReceiptError)) throw err;
    return { file, accepted: false, problems: [err.message] };
  }
  const signatures = checkReceipt(receipt, trust);
  const ledger = await ledgerPresence(cfg, receipt, opts);
  return { file, ...receiptOutcome(receipt, signatures, ledger) };
}

/** The report as text. */
export function renderReceiptReport(report: ReceiptReport): string {
  const lines = [`receipt ${report.file}: ${report.accepted ? 'ACCEPTED' : 'REFUSED'}`];
  if (report.txId !== undefined)
    lines.push(`  transaction ${report.txId} in block ${String(report.blockNumber)}`);
  const { signatures, ledger } = report;
  if (signatures?.creator !== undefined)
    lines.push(`  signed by ${signatures.creator.mspId} (${signatures.creator.subject})`);
  for (const e of signatures?.endorsers ?? []) lines.push(`  endorsed by ${e.mspId} (${e.subject})`);
  if (ledger === undefined) lines.push('  ledger: not checked (give --ledger-dir or --online)');
  else if (ledger.ok) lines.push(`  ledger: ${ledger.validation ?? ''} at ${ledger.location ?? ''}`);
  for (const p of report.problems) lines.push(`  refused: ${p}`);
  return `${lines.join('\n')}\n`;
}

/** Runs the check, writes the report; the exit status (0 accepted, 1 refused). */
export async function runReceiptCommand(file: string, opts: ReceiptCommandOptions): Promise<number> {
  const report = await checkReceiptFile(file, opts);
  if (opts.json !== undefined) await writeJson(opts.json, report);
  if (opts.json !== '-') process.stdout.write(renderReceiptReport(report));
  return report.accepted ? 0 : 1;
}
