/**
 * A stand-in for the fabric-ca-client program behind the CommandRunner port:
 * it records every run (arguments and environment), answers `identity list`
 * from the names registered so far, and lays out the files `enroll` writes,
 * so tests can check what each command line and environment held.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandResult, CommandRunner } from '../run-command';

/** One run the stand-in saw. */
export interface RecordedRun {
  readonly program: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** The stand-in and what it saw. */
export interface RecordingCaClient {
  /** Pass this where the code takes a CommandRunner. */
  readonly run: CommandRunner;
  readonly runs: readonly RecordedRun[];
  /** Every secret the runs were handed (registration secrets, enrolment URL passwords). */
  secrets(): string[];
}

/** The value after `flag` in an argument vector. */
function flagValue(args: readonly string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at < 0 ? undefined : args[at + 1];
}

/** Writes what `fabric-ca-client enroll` leaves in its MSP folder. */
function writeEnrolment(args: readonly string[]): void {
  const msp = flagValue(args, '-M') ?? join(flagValue(args, '-H') ?? '.', 'msp');
  for (const [sub, file, text] of [
    ['signcerts', 'cert.pem', 'certificate'],
    ['keystore', 'key_sk', 'private key'],
    ['cacerts', 'ca.pem', 'ca certificate'],
  ] as const) {
    mkdirSync(join(msp, sub), { recursive: true });
    writeFileSync(join(msp, sub, file), `${text}\n`);
  }
}

/** A recording stand-in; `known` names the identities its CA already has. */
export function recordingCaClient(known: Iterable<string> = []): RecordingCaClient {
  const registered = new Set(known);
  const runs: RecordedRun[] = [];
  const ok: CommandResult = { code: 0, stdout: '', stderr: '' };
  const run: CommandRunner = (program, args, opts) => {
    runs.push({ program, args: [...args], env: { ...opts?.env } });
    const [verb, sub, name] = args;
    if (verb === 'identity' && sub === 'list') {
      const found = registered.has(flagValue(args, '--id') ?? '');
      return Promise.resolve(found ? ok : { code: 1, stdout: '', stderr: 'Error: identity not found' });
    }
    if (verb === 'identity' && sub === 'remove' && name !== undefined) registered.delete(name);
    if (verb === 'register') registered.add(flagValue(args, '--id.name') ?? '');
    if (verb === 'enroll') writeEnrolment(args);
    return Promise.resolve(ok);
  };
  return {
    run,
    runs,
    secrets: () =>
      runs.flatMap(({ env }) => {
        const url = env.FABRIC_CA_CLIENT_URL === undefined ? undefined : new URL(env.FABRIC_CA_CLIENT_URL);
        return [
          ...(env.FABRIC_CA_CLIENT_ID_SECRET === undefined ? [] : [env.FABRIC_CA_CLIENT_ID_SECRET]),
          ...(url?.password ? [decodeURIComponent(url.password)] : []),
        ];
      }),
  };
}
