/**
 * One Fabric CA per organisation: starting its server, and registering and
 * enrolling node, admin and client identities (with `role` and `unit`
 * attributes in the certificate) through the fabric-ca-client program. No
 * secret is on any of their command lines (ca-server-home.ts, @idcard/ca-client).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  caClient,
  enrollAt,
  runCommand,
  type CaEndpoint,
  type CommandRunner,
  type EnrolledIdentity,
  type IdentityRequest,
} from '@idcard/ca-client';
import { BOOTSTRAP_ADMIN, bootstrapSecret, writeCaServerConfig } from './ca-server-home';
import type { ResolvedConfig } from './config';
import type { FabricPrograms } from './fabric-programs';
import { probe, waitFor } from './health';
import type { ProcessSpec } from './supervisor';
import { caNode, dataPaths, orgHome } from './topology';

/** The CA's own certificate (written by fabric-ca-server on first start). */
export function caCertPath(cfg: ResolvedConfig, org: string): string {
  return join(caNode(cfg, org).home, 'ca-cert.pem');
}

/** The CA server's TLS certificate, which clients trust for the CA endpoint. */
export function caTlsCertPath(cfg: ResolvedConfig, org: string): string {
  return join(caNode(cfg, org).home, 'tls-cert.pem');
}

/**
 * How to run one organisation's CA server; writes its configuration file
 * (the bootstrap identity) first when it has none.
 */
export function caProcessSpec(cfg: ResolvedConfig, programs: FabricPrograms, org: string): ProcessSpec {
  const node = caNode(cfg, org);
  const hosts = [...new Set([node.host, 'localhost', '127.0.0.1'])].join(',');
  writeCaServerConfig(cfg, org);
  return {
    name: node.name,
    program: programs.caServer,
    args: [
      'start',
      '--home',
      node.home,
      // Re-enrolling a known name removes and registers it again (@idcard/ca-client's enrollAt).
      '--cfg.identities.allowremove',
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
    ...(node.netns === undefined ? {} : { netns: node.netns }),
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

/** The endpoint of an organisation's CA reached as its bootstrap admin (the CA operator's registrar). */
export function caEndpoint(
  cfg: ResolvedConfig,
  programs: Pick<FabricPrograms, 'caClient'>,
  org: string,
): CaEndpoint {
  const node = caNode(cfg, org);
  return {
    clientProgram: programs.caClient,
    url: `https://${node.host}:${String(node.port)}`,
    caName: `ca-${org}`,
    tlsCertPath: caTlsCertPath(cfg, org),
    registrarHome: join(orgHome(cfg, org), 'registrar'),
  };
}

/** Enrols the CA's bootstrap admin (once), the CA operator's registrar. */
export async function enrollRegistrar(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  org: string,
  run: CommandRunner = runCommand,
): Promise<void> {
  const ca = caEndpoint(cfg, programs, org);
  const home = ca.registrarHome;
  if (existsSync(join(home, 'msp', 'signcerts', 'cert.pem'))) return;
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const enrolAs = { name: BOOTSTRAP_ADMIN, secret: bootstrapSecret(cfg, org) };
  await caClient(ca, { args: ['enroll', '-H', home], enrolAs }, run);
}

/**
 * Registers (when new) and enrols an identity at its organisation's CA into
 * `dir/msp` (and `dir/tls` when TLS hosts are given). Enrolling again issues
 * a fresh certificate. Works while the network runs.
 * @throws NetworkError CA_UNREACHABLE, CA_COMMAND_FAILED
 */
export async function registerAndEnroll(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  org: string,
  mspId: string,
  dir: string,
  id: IdentityRequest,
  run: CommandRunner = runCommand,
): Promise<EnrolledIdentity> {
  return enrollAt(caEndpoint(cfg, programs, org), mspId, dir, id, run);
}
