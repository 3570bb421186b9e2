/**
 * Scans every file under a folder (ledger block files, state database, node
 * and gateway logs) for personal data that must never be there: the ID
 * numbers and names a test or an operator used. Byte-level, so binary files
 * count too; names are searched in UTF-8 and in the JSON-escaped form.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** One occurrence of a needle. */
export interface PrivacyHit {
  readonly file: string;
  readonly offset: number;
  /** Which needle, as its index in the list (the needle itself is personal data, so never printed). */
  readonly needleIndex: number;
}

function forms(needle: string): Buffer[] {
  const escaped = JSON.stringify(needle).slice(1, -1);
  const out = [Buffer.from(needle, 'utf8')];
  if (escaped !== needle) out.push(Buffer.from(escaped, 'utf8'));
  const asciiEscaped = needle.replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (asciiEscaped !== needle) out.push(Buffer.from(asciiEscaped, 'utf8'));
  return out;
}

/** Every file under `dir`, depth first. */
export function* filesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (st?.isDirectory() === true) yield* filesUnder(p);
    else if (st?.isFile() === true) yield p;
  }
}

/** Every occurrence of any needle in any file under `dir`. */
export function scanForPersonalData(dir: string, needles: readonly string[]): PrivacyHit[] {
  const patterns = needles.map((n, i) => ({ i, bufs: forms(n) })).filter((p) => (p.bufs[0]?.length ?? 0) > 0);
  const hits: PrivacyHit[] = [];
  for (const file of filesUnder(dir)) {
    const data = readFileSync(file);
    for (const { i, bufs } of patterns) {
      for (const b of bufs) {
        const at = data.indexOf(b);
        if (at >= 0) hits.push({ file, offset: at, needleIndex: i });
      }
    }
  }
  return hits;
}
