/**
 * What any local user can read of other users' processes: their command
 * lines in /proc/PID/cmdline. A watcher samples every process's command line
 * every millisecond or so, long enough to catch short-lived fabric-ca-client
 * runs, and the secrets of a data dir are gathered to look for in them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { filesUnder } from './privacy-scan';

/** One process's command line as /proc shows it. */
export interface CommandLine {
  readonly pid: number;
  readonly argv: readonly string[];
}

/** Every process's command line now (processes that end meanwhile are skipped). */
export function commandLines(): CommandLine[] {
  const out: CommandLine[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const raw = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (raw !== '') out.push({ pid: Number(name), argv: raw.replace(/\0$/, '').split('\0') });
    } catch {
      // the process ended between the listing and the read
    }
  }
  return out;
}

/** A running sample of command lines. */
export interface CommandLineWatch {
  /** Stops sampling and returns every distinct command line seen. */
  stop(): CommandLine[];
}

/** Samples every process's command line until stopped. */
export function watchCommandLines(intervalMs = 1): CommandLineWatch {
  const seen = new Map<string, CommandLine>();
  const sample = (): void => {
    for (const line of commandLines()) seen.set(`${String(line.pid)} ${line.argv.join(' ')}`, line);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return [...seen.values()];
    },
  };
}

/** The command lines holding any of the secrets (their indexes, so a failure never prints a secret). */
export function linesHolding(
  lines: readonly CommandLine[],
  secrets: readonly string[],
): { pid: number; program: string; secretIndex: number }[] {
  return lines.flatMap((line) =>
    secrets.flatMap((secret, secretIndex) =>
      line.argv.some((a) => a.includes(secret))
        ? [{ pid: line.pid, program: basename(line.argv[0] ?? ''), secretIndex }]
        : [],
    ),
  );
}

/**
 * The CA secrets kept under a data dir: every bootstrap secret file
 * (`registrar.secret`) and every `pass:` or `secret:` value of a Fabric CA
 * configuration file (server and client).
 */
export function caSecretsIn(dataDir: string): string[] {
  const out = new Set<string>();
  for (const file of filesUnder(dataDir)) {
    if (basename(file) === 'registrar.secret') out.add(readFileSync(file, 'utf8').trim());
    if (!/^fabric-ca-(server|client)-config\.yaml$/.test(basename(file))) continue;
    for (const [, value] of readFileSync(file, 'utf8').matchAll(/^\s*(?:pass|secret):\s*"?([^"\s#]+)"?/gm)) {
      if (value !== undefined) out.add(value);
    }
  }
  return [...out];
}

/** The command lines of programs named `program` that run from under `dir` or name it. */
export function linesOf(lines: readonly CommandLine[], program: string, dir: string): CommandLine[] {
  return lines.filter(
    (l) => basename(l.argv[0] ?? '') === program && l.argv.some((a) => a.startsWith(join(dir, '/'))),
  );
}
