/**
 * fabric-ca-client against one CA endpoint: the registrar's register, list
 * and remove calls and an identity's enrolment, with failures typed (a CA
 * that cannot be reached apart from one that refuses) and secrets kept out of
 * messages. No secret is ever an argument: any local user reads a process's
 * command line from /proc/PID/cmdline, while its environment is readable by
 * its owner only, so fabric-ca-client gets the URL (with `id:secret` when
 * enrolling) as FABRIC_CA_CLIENT_URL and a new identity's secret as
 * FABRIC_CA_CLIENT_ID_SECRET (its viper names for `url` and `id.secret`).
 * Needs no network config, so the gateway can use it too.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isNetworkError, NetworkError } from './errors';
import type { EnrolledIdentity, IdentityRequest } from './identity-request';
import { finishLocalMsp, singleFile } from './msp';
import { runCommand, type CommandRunner } from './run-command';

/**
 * How to reach one CA as its registrar through fabric-ca-client: enough for
 * a process that holds no network config (the gateway) to enrol identities.
 */
export interface CaEndpoint {
  /** The fabric-ca-client program. */
  readonly clientProgram: string;
  /** `https://host:port` of the CA server. */
  readonly url: string;
  /** The CA's name on its server (`--caname`). */
  readonly caName: string;
  /** PEM of the CA server's TLS certificate. */
  readonly tlsCertPath: string;
  /** Client home of the enrolled registrar (its `msp/` signs register requests). */
  readonly registrarHome: string;
  /** Deadline of one fabric-ca-client run (default 60 s). */
  readonly timeoutMs?: number;
}

/** One fabric-ca-client run: arguments that hold no secret, and the secrets it reads from its environment. */
export interface CaCommand {
  /** The subcommand and its flags (`--caname` and `--tls.certfiles` are added). */
  readonly args: readonly string[];
  /** Enrol as this identity: its name and secret go into FABRIC_CA_CLIENT_URL. */
  readonly enrolAs?: { readonly name: string; readonly secret: string };
  /** The enrolment secret of the identity being registered: FABRIC_CA_CLIENT_ID_SECRET. */
  readonly registerSecret?: string;
}

/** fabric-ca-client's words for a CA that cannot be reached at all (as opposed to one that refuses). */
const UNREACHABLE =
  /connection refused|no such host|i\/o timeout|no route to host|network is unreachable|connection reset/i;

/** Error lines of fabric-ca-client's output, without any `user:secret@` of a URL. */
function errorLines(stderr: string): string[] {
  return stderr
    .trim()
    .split('\n')
    .filter((l) => /Error|error/.test(l))
    .slice(-2)
    .map((l) => l.replace(/\/\/[^/@\s]+@/g, '//'));
}

/** The CA's URL, with the credentials of an enrolment. */
function caUrl(ca: CaEndpoint, enrolAs?: CaCommand['enrolAs']): string {
  if (enrolAs === undefined) return ca.url;
  const url = new URL(ca.url);
  return `${url.protocol}//${encodeURIComponent(enrolAs.name)}:${encodeURIComponent(enrolAs.secret)}@${url.host}`;
}

/** The environment of one run: nothing inherited but PATH, the URL and the secret it needs. */
function caEnvironment(ca: CaEndpoint, command: CaCommand): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: ca.registrarHome,
    FABRIC_CA_CLIENT_URL: caUrl(ca, command.enrolAs),
    ...(command.registerSecret === undefined ? {} : { FABRIC_CA_CLIENT_ID_SECRET: command.registerSecret }),
  };
}

/**
 * Runs fabric-ca-client against a CA (through `run`, runCommand unless a test passes its own).
 * @throws NetworkError PROGRAM_MISSING, CA_UNREACHABLE or CA_COMMAND_FAILED
 */
export async function caClient(
  ca: CaEndpoint,
  command: CaCommand,
  run: CommandRunner = runCommand,
): Promise<void> {
  const { args } = command;
  let res;
  try {
    res = await run(ca.clientProgram, [...args, '--caname', ca.caName, '--tls.certfiles', ca.tlsCertPath], {
      env: caEnvironment(ca, command),
      timeoutMs: ca.timeoutMs ?? 60_000,
    });
  } catch (err) {
    throw new NetworkError('PROGRAM_MISSING', `cannot run ${ca.clientProgram}`, [], { cause: err });
  }
  if (res.code !== 0) {
    const why = errorLines(res.stderr);
    const verb = args[0] ?? '';
    if (UNREACHABLE.test(res.stderr) || res.code === -1) {
      throw new NetworkError(
        'CA_UNREACHABLE',
        `fabric-ca-client ${verb}: the CA ${ca.caName} at ${ca.url} cannot be reached`,
        why,
      );
    }
    throw new NetworkError(
      'CA_COMMAND_FAILED',
      `fabric-ca-client ${verb} failed at ${ca.caName} (${ca.url})`,
      why,
    );
  }
}

/**
 * True when the CA already knows an identity of that name.
 * @throws NetworkError when the CA cannot be asked at all
 */
async function isRegistered(ca: CaEndpoint, name: string, run: CommandRunner): Promise<boolean> {
  try {
    await caClient(ca, { args: ['identity', 'list', '--id', name, '-H', ca.registrarHome] }, run);
    return true;
  } catch (err) {
    if (isNetworkError(err, 'CA_COMMAND_FAILED')) return false;
    throw err;
  }
}

/**
 * `--id.attrs` of a registration: the certificate's attributes and any
 * registrar powers, each quoted, as fabric-ca-client reads a value holding commas.
 */
function attributeArgs(id: IdentityRequest): string[] {
  const attrs = Object.entries(id.attributes ?? {}).map(([k, v]) => `${k}=${v}:ecert`);
  if (id.registrar) {
    attrs.push(
      `hf.Registrar.Roles=${id.registrar.roles.join(',')}`,
      `hf.Registrar.Attributes=${id.registrar.attributes.join(',')}`,
    );
  }
  return attrs.length === 0 ? [] : ['--id.attrs', attrs.map((a) => `"${a}"`).join(',')];
}

/**
 * Registers and enrols an identity at a CA into `dir/msp` (and `dir/tls`
 * when TLS hosts are given), replacing what was there. A name the CA
 * already knows is removed first (the CA revokes its certificates) and
 * registered afresh with the requested attributes: re-enrolling needs a
 * secret, which is never kept, and fabric-ca-client can reset one only on
 * its command line (`identity modify --secret`). The CA must allow removal
 * (`cfg.identities.allowremove`).
 * @throws NetworkError CA_UNREACHABLE, CA_COMMAND_FAILED, PROGRAM_MISSING
 */
export async function enrollAt(
  ca: CaEndpoint,
  mspId: string,
  dir: string,
  id: IdentityRequest,
  run: CommandRunner = runCommand,
): Promise<EnrolledIdentity> {
  const secret = randomBytes(18).toString('base64url');
  const registrar = ca.registrarHome;
  if (await isRegistered(ca, id.name, run)) {
    await caClient(ca, { args: ['identity', 'remove', id.name, '-H', registrar] }, run);
  }
  await caClient(
    ca,
    {
      args: ['register', '--id.name', id.name, '--id.type', id.type, ...attributeArgs(id), '-H', registrar],
      registerSecret: secret,
    },
    run,
  );
  const mspDir = join(dir, 'msp');
  // A fresh enrolment replaces the old material: a keystore must hold exactly one key.
  rmSync(mspDir, { recursive: true, force: true });
  rmSync(join(dir, 'tls'), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const enrolAs = { name: id.name, secret };
  const hosts = id.tlsHosts ? ['--csr.hosts', id.tlsHosts.join(',')] : [];
  await caClient(
    ca,
    { args: ['enroll', '-M', mspDir, '-H', dir, '--csr.names', `C=CN,O=${mspId}`, ...hosts], enrolAs },
    run,
  );
  finishLocalMsp(mspDir);
  let tlsDir: string | undefined;
  if (id.tlsHosts) {
    tlsDir = join(dir, 'tls');
    await caClient(
      ca,
      { args: ['enroll', '-M', tlsDir, '-H', dir, '--enrollment.profile', 'tls', ...hosts], enrolAs },
      run,
    );
  }
  return {
    name: id.name,
    mspId,
    mspDir,
    certPath: join(mspDir, 'signcerts', 'cert.pem'),
    keyPath: singleFile(join(mspDir, 'keystore')),
    ...(tlsDir ? { tlsDir } : {}),
  };
}
