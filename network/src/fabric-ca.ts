/**
 * One Fabric CA per organisation: starting its server, and registering and
 * enrolling node, admin and client identities (with `role` and `unit`
 * attributes in the certificate) through the fabric-ca-client program.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedConfig } from './config';
import { NetworkError } from './errors';
import type { FabricPrograms } from './fabric-programs';
import { probe, waitFor } from './health';
import { finishLocalMsp, singleFile } from './msp';
import { runCommand } from './run-command';
import type { ProcessSpec } from './supervisor';
import { caNode, dataPaths, orgHome } from './topology';

/** Kinds of identity Fabric CA registers; Fabric CA writes the kind as the certificate's OU. */
export type IdentityType = 'peer' | 'orderer' | 'admin' | 'client';

/** An identity to register and enrol. */
export interface IdentityRequest {
  readonly name: string;
  readonly type: IdentityType;
  readonly attributes?: Readonly<Record<string, string>>;
  /** Also enrol a TLS certificate for these hosts. */
  readonly tlsHosts?: readonly string[];
}

/** Where an enrolled identity's material is. */
export interface EnrolledIdentity {
  readonly name: string;
  readonly mspId: string;
  readonly mspDir: string;
  readonly certPath: string;
  readonly keyPath: string;
  readonly tlsDir?: string;
}

/** Registrar secret of each CA, generated once and kept in the data dir (mode 600). */
function registrarSecret(cfg: ResolvedConfig, org: string): string {
  const file = join(caNode(cfg, org).home, 'registrar.secret');
  if (!existsSync(file)) {
    mkdirSync(caNode(cfg, org).home, { recursive: true });
    writeFileSync(`${file}.tmp`, randomBytes(18).toString('base64url'), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
  return readFileSync(file, 'utf8');
}

/** The CA's own certificate (written by fabric-ca-server on first start). */
export function caCertPath(cfg: ResolvedConfig, org: string): string {
  return join(caNode(cfg, org).home, 'ca-cert.pem');
}

/** The CA server's TLS certificate, which clients trust for the CA endpoint. */
export function caTlsCertPath(cfg: ResolvedConfig, org: string): string {
  return join(caNode(cfg, org).home, 'tls-cert.pem');
}

/** How to run one organisation's CA server. */
export function caProcessSpec(cfg: ResolvedConfig, programs: FabricPrograms, org: string): ProcessSpec {
  const node = caNode(cfg, org);
  const hosts = [...new Set([node.host, 'localhost', '127.0.0.1'])].join(',');
  mkdirSync(node.home, { recursive: true });
  return {
    name: node.name,
    program: programs.caServer,
    args: [
      'start',
      '--home',
      node.home,
      '-b',
      `admin:${registrarSecret(cfg, org)}`,
      '--port',
      String(node.port),
      '--address',
      node.host,
      '--tls.enabled',
      '--csr.hosts',
      hosts,
      '--csr.cn',
      `ca.${org}`,
      '--ca.name',
      `ca-${org}`,
      '--operations.listenaddress',
      `${node.host}:${String(node.operationsPort)}`,
      '--metrics.provider',
      'prometheus',
    ],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: node.home },
    cwd: node.home,
    logFile: join(dataPaths(cfg).logs, `${node.name}.log`),
    pidFile: join(dataPaths(cfg).run, `${node.name}.pid`),
  };
}

/** Waits until the CA answers on its operations health endpoint and has written its certificates. */
export async function waitForCa(cfg: ResolvedConfig, org: string, timeoutMs = 60_000): Promise<void> {
  const node = caNode(cfg, org);
  await waitFor(
    node.name,
    async () =>
      existsSync(caTlsCertPath(cfg, org)) &&
      (await probe(`http://${node.host}:${String(node.operationsPort)}/healthz`)).healthy,
    timeoutMs,
  );
}

/** Runs fabric-ca-client against an organisation's CA. */
async function caClient(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  org: string,
  args: readonly string[],
): Promise<string> {
  const node = caNode(cfg, org);
  const res = await runCommand(
    programs.caClient,
    [...args, '--caname', `ca-${org}`, '--tls.certfiles', caTlsCertPath(cfg, org)],
    { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: node.home }, timeoutMs: 60_000 },
  );
  if (res.code !== 0) {
    const why = res.stderr
      .trim()
      .split('\n')
      .filter((l) => /Error|error/.test(l))
      .slice(-2);
    throw new NetworkError(
      'CA_COMMAND_FAILED',
      `fabric-ca-client ${args[0] ?? ''} failed at ${node.name}`,
      why,
    );
  }
  return res.stdout + res.stderr;
}

function caUrl(cfg: ResolvedConfig, org: string, user?: string, secret?: string): string {
  const node = caNode(cfg, org);
  const cred = user === undefined ? '' : `${encodeURIComponent(user)}:${encodeURIComponent(secret ?? '')}@`;
  return `https://${cred}${node.host}:${String(node.port)}`;
}

/** Folder of the CA registrar's own client material. */
function registrarHome(cfg: ResolvedConfig, org: string): string {
  return join(orgHome(cfg, org), 'registrar');
}

/** Enrols the CA's bootstrap registrar (once). */
export async function enrollRegistrar(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  org: string,
): Promise<void> {
  const home = registrarHome(cfg, org);
  if (existsSync(join(home, 'msp', 'signcerts', 'cert.pem'))) return;
  mkdirSync(home, { recursive: true });
  await caClient(cfg, programs, org, [
    'enroll',
    '-u',
    caUrl(cfg, org, 'admin', registrarSecret(cfg, org)),
    '-H',
    home,
  ]);
}

/** True when the CA already knows an identity of that name. */
async function isRegistered(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  org: string,
  name: string,
): Promise<boolean> {
  try {
    await caClient(cfg, programs, org, [
      'identity',
      'list',
      '--id',
      name,
      '-u',
      caUrl(cfg, org),
      '-H',
      registrarHome(cfg, org),
    ]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Registers (when new) and enrols an identity at its organisation's CA into
 * `dir/msp` (and `dir/tls` when TLS hosts are given). Enrolling again issues
 * a fresh certificate. Works while the network runs.
 * @throws NetworkError CA_COMMAND_FAILED
 */
export async function registerAndEnroll(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  org: string,
  mspId: string,
  dir: string,
  id: IdentityRequest,
): Promise<EnrolledIdentity> {
  const secret = randomBytes(18).toString('base64url');
  const registrar = registrarHome(cfg, org);
  const attrs = Object.entries(id.attributes ?? {})
    .map(([k, v]) => `${k}=${v}:ecert`)
    .join(',');
  if (await isRegistered(cfg, programs, org, id.name)) {
    // Re-enrolling needs the secret, which is not kept: reset it first.
    await caClient(cfg, programs, org, [
      'identity',
      'modify',
      id.name,
      '--secret',
      secret,
      ...(attrs ? ['--attrs', attrs] : []),
      '-u',
      caUrl(cfg, org),
      '-H',
      registrar,
    ]);
  } else {
    await caClient(cfg, programs, org, [
      'register',
      '--id.name',
      id.name,
      '--id.secret',
      secret,
      '--id.type',
      id.type,
      ...(attrs ? ['--id.attrs', attrs] : []),
      '-u',
      caUrl(cfg, org),
      '-H',
      registrar,
    ]);
  }
  const mspDir = join(dir, 'msp');
  // A fresh enrolment replaces the old material: a keystore must hold exactly one key.
  rmSync(mspDir, { recursive: true, force: true });
  rmSync(join(dir, 'tls'), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const enrollArgs = ['enroll', '-u', caUrl(cfg, org, id.name, secret), '-M', mspDir, '-H', dir];
  enrollArgs.push('--csr.names', `C=CN,O=${mspId}`);
  if (id.tlsHosts) enrollArgs.push('--csr.hosts', id.tlsHosts.join(','));
  await caClient(cfg, programs, org, enrollArgs);
  finishLocalMsp(mspDir);
  let tlsDir: string | undefined;
  if (id.tlsHosts) {
    tlsDir = join(dir, 'tls');
    await caClient(cfg, programs, org, [
      'enroll',
      '-u',
      caUrl(cfg, org, id.name, secret),
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
