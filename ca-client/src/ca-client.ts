/**
 * fabric-ca-client against one CA endpoint: the registrar's register, modify
 * and list calls and an identity's enrolment, with failures typed (a CA that
 * cannot be reached apart from one that refuses) and secrets kept out of
 * messages. Needs no network config, so the gateway can use it too.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isNetworkError, NetworkError } from './errors';
import type { EnrolledIdentity, IdentityRequest } from './identity-request';
import { finishLocalMsp, singleFile } from './msp';
import { runCommand } from './run-command';

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

/**
 * Runs fabric-ca-client against a CA.
 * @throws NetworkError PROGRAM_MISSING, CA_UNREACHABLE or CA_COMMAND_FAILED
 */
export async function caClient(ca: CaEndpoint, args: readonly string[]): Promise<string> {
  let res;
  try {
    res = await runCommand(
      ca.clientProgram,
      [...args, '--caname', ca.caName, '--tls.certfiles', ca.tlsCertPath],
      {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: ca.registrarHome },
        timeoutMs: ca.timeoutMs ?? 60_000,
      },
    );
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
  return res.stdout + res.stderr;
}

/** The CA's URL, with credentials for an enrolment. */
export function caUrl(ca: CaEndpoint, user?: string, secret?: string): string {
  if (user === undefined) return ca.url;
  const url = new URL(ca.url);
  return `${url.protocol}//${encodeURIComponent(user)}:${encodeURIComponent(secret ?? '')}@${url.host}`;
}

/**
 * True when the CA already knows an identity of that name.
 * @throws NetworkError when the CA cannot be asked at all
 */
async function isRegistered(ca: CaEndpoint, name: string): Promise<boolean> {
  try {
    await caClient(ca, ['identity', 'list', '--id', name, '-u', caUrl(ca), '-H', ca.registrarHome]);
    return true;
  } catch (err) {
    if (isNetworkError(err, 'CA_COMMAND_FAILED')) return false;
    throw err;
  }
}

/**
 * Registers (when new; an existing identity gets a fresh secret and the
 * requested attributes) and enrols an identity at a CA into `dir/msp` (and
 * `dir/tls` when TLS hosts are given), replacing what was there.
 * @throws NetworkError CA_UNREACHABLE, CA_COMMAND_FAILED, PROGRAM_MISSING
 */
export async function enrollAt(
  ca: CaEndpoint,
  mspId: string,
  dir: string,
  id: IdentityRequest,
): Promise<EnrolledIdentity> {
  const secret = randomBytes(18).toString('base64url');
  const registrar = ca.registrarHome;
  const attrs = Object.entries(id.attributes ?? {})
    .map(([k, v]) => `${k}=${v}:ecert`)
    .join(',');
  if (await isRegistered(ca, id.name)) {
    // Re-enrolling needs the secret, which is not kept: reset it first.
    await caClient(ca, [
      'identity',
      'modify',
      id.name,
      '--secret',
      secret,
      ...(attrs ? ['--attrs', attrs] : []),
      '-u',
      caUrl(ca),
      '-H',
      registrar,
    ]);
  } else {
    await caClient(ca, [
      'register',
      '--id.name',
      id.name,
      '--id.secret',
      secret,
      '--id.type',
      id.type,
      ...(attrs ? ['--id.attrs', attrs] : []),
      '-u',
      caUrl(ca),
      '-H',
      registrar,
    ]);
  }
  const mspDir = join(dir, 'msp');
  // A fresh enrolment replaces the old material: a keystore must hold exactly one key.
  rmSync(mspDir, { recursive: true, force: true });
  rmSync(join(dir, 'tls'), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const enrollArgs = ['enroll', '-u', caUrl(ca, id.name, secret), '-M', mspDir, '-H', dir];
  enrollArgs.push('--csr.names', `C=CN,O=${mspId}`);
  if (id.tlsHosts) enrollArgs.push('--csr.hosts', id.tlsHosts.join(','));
  await caClient(ca, enrollArgs);
  finishLocalMsp(mspDir);
  let tlsDir: string | undefined;
  if (id.tlsHosts) {
    tlsDir = join(dir, 'tls');
    await caClient(ca, [
      'enroll',
      '-u',
      caUrl(ca, id.name, secret),
      '-M',
      tlsDir,
      '-H',
      dir,
      '--enrollment.profile',
      'tls',
      '--csr.hosts',
      id.tlsHosts.join(','),
    ]);
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
