/**
 * One Fabric CA per organisation: starting its server, and registering and
 * enrolling node, admin and client identities (with `role` and `unit`
 * attributes in the certificate) through the fabric-ca-client program.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  caClient,
  caUrl,
  enrollAt,
  type CaEndpoint,
  type EnrolledIdentity,
  type IdentityRequest,
} from '@idcard/ca-client';
import type { ResolvedConfig } from './config';
import type { FabricPrograms } from './fabric-programs';
import { probe, waitFor } from './health';
import type { ProcessSpec } from './supervisor';
import { caNode, dataPaths, orgHome } from './topology';

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

/** The endpoint of an organisation's CA as the network config describes it. */
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

/** Enrols the CA's bootstrap registrar (once). */
export async function enrollRegistrar(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  org: string,
): Promise<void> {
  const ca = caEndpoint(cfg, programs, org);
  const home = ca.registrarHome;
  if (existsSync(join(home, 'msp', 'signcerts', 'cert.pem'))) return;
  mkdirSync(home, { recursive: true });
  await caClient(ca, ['enroll', '-u', caUrl(ca, 'admin', registrarSecret(cfg, org)), '-H', home]);
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
): Promise<EnrolledIdentity> {
  return enrollAt(caEndpoint(cfg, programs, org), mspId, dir, id);
}
