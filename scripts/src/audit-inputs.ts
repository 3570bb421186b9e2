/**
 * Inputs of `idcard audit`, checked before any work starts so a wrong one is
 * one clear message: the block-file directory inside a copied ledger, time
 * bounds, unit ids, and where the JSON report goes.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INSTANT_PATTERN, UNIT_ID_PATTERN } from '@idcard/common';
import { channelBlocksDir } from '@idcard/audit';
import { AuditUsageError } from './audit-usage-error';

const hasBlockfiles = (dir: string): boolean =>
  existsSync(dir) &&
  statSync(dir).isDirectory() &&
  readdirSync(dir).some((n) => /^blockfile_\d{6,}$/.test(n));

/**
 * The directory holding the channel's `blockfile_*`: `dir` itself, or the
 * channel's folder in a copied `ledgersData` directory, or in a peer's file
 * system path (which holds `ledgersData`).
 * @throws AuditUsageError when there is no such directory
 */
export function resolveChannelDir(dir: string, channel: string): string {
  if (!existsSync(dir)) throw new AuditUsageError(`--ledger-dir ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new AuditUsageError(`--ledger-dir ${dir} is not a directory`);
  const candidates = [
    dir,
    channelBlocksDir(dir, channel),
    channelBlocksDir(join(dir, 'ledgersData'), channel),
  ];
  const found = candidates.find(hasBlockfiles);
  if (found === undefined)
    throw new AuditUsageError(`no blockfile_* for channel ${channel} in ${candidates.join(', ')}`);
  return found;
}

/**
 * An instant (`2026-03-01T08:00:00Z`) or a UTC date (`2026-03-01`) in the
 * fixed-width form the ledger's transaction times have, so that they compare as text.
 * @throws AuditUsageError when it is neither
 */
export function parseInstant(option: string, value: string): string {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value;
  const time = Date.parse(text);
  if (!INSTANT_PATTERN.test(text) || Number.isNaN(time))
    throw new AuditUsageError(`${option} must be a UTC ISO 8601 instant or date, not '${value}'`);
  return new Date(time).toISOString();
}

/** @throws AuditUsageError when `unit` is not a unit id */
export function checkUnitId(unit: string): string {
  if (!UNIT_ID_PATTERN.test(unit)) throw new AuditUsageError(`--unit '${unit}' is not a unit id`);
  return unit;
}

/** Writes a JSON document to a file, or to stdout for `-`. @throws the file system error */
export async function writeJson(target: string, value: unknown): Promise<void> {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (target === '-') process.stdout.write(text);
  else await writeFile(target, text);
}
