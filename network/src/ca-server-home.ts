/**
 * The home folder of an organisation's fabric-ca-server and the secret in
 * it. The bootstrap admin's secret is generated once (mode 600) and given to
 * the server in its own configuration file, `fabric-ca-server-config.yaml`
 * (`registry.identities`, mode 600), never as `-b admin:<secret>`: any local
 * user reads a process's command line from /proc/PID/cmdline. The folder
 * itself is the CA operator's alone (mode 700).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedConfig } from './config';
import { caNode } from './topology';

/** Enrolment id of each CA's bootstrap admin (the CA operator's registrar). */
export const BOOTSTRAP_ADMIN = 'admin';

/** The server's configuration file in its home (fabric-ca-server reads it from there). */
export function caServerConfigPath(cfg: ResolvedConfig, org: string): string {
  return join(caNode(cfg, org).home, 'fabric-ca-server-config.yaml');
}

/** The CA home, made the operator's alone (also when an earlier version left it open). */
function ensureCaHome(cfg: ResolvedConfig, org: string): string {
  const home = caNode(cfg, org).home;
  mkdirSync(home, { recursive: true, mode: 0o700 });
  chmodSync(home, 0o700);
  return home;
}

/** Secret of the CA's bootstrap admin, generated once and kept in the CA home (mode 600). */
export function bootstrapSecret(cfg: ResolvedConfig, org: string): string {
  const file = join(ensureCaHome(cfg, org), 'registrar.secret');
  if (!existsSync(file)) {
    writeFileSync(`${file}.tmp`, randomBytes(18).toString('base64url'), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
  return readFileSync(file, 'utf8');
}

/**
 * The server configuration this tool writes: the bootstrap admin with every
 * registrar power, and the signing profiles (`tls` for TLS certificates).
 * Everything else comes from the command-line flags (no secret among them)
 * and fabric-ca-server's defaults.
 */
function serverConfigYaml(secret: string): string {
  return [
    '# Written by idcard: the bootstrap identity is read from here, never from the command line.',
    'registry:',
    '  maxenrollments: -1',
    '  identities:',
    `    - name: ${BOOTSTRAP_ADMIN}`,
    `      pass: "${secret}"`,
    '      type: client',
    '      affiliation: ""',
    '      attrs:',
    '        hf.Registrar.Roles: "*"',
    '        hf.Registrar.DelegateRoles: "*"',
    '        hf.Registrar.Attributes: "*"',
    '        hf.Revoker: true',
    '        hf.GenCRL: true',
    '        hf.AffiliationMgr: true',
    '        hf.IntermediateCA: true',
    'signing:',
    '  default:',
    '    usage: [digital signature]',
    '    expiry: 8760h',
    '  profiles:',
    '    tls:',
    '      usage: [signing, key encipherment, server auth, client auth, key agreement]',
    '      expiry: 8760h',
    '',
  ].join('\n');
}

/**
 * Writes the server's configuration file when it is missing (a data dir
 * made before keeps its own, which fabric-ca-server wrote with the same
 * bootstrap identity) and makes it readable by the owner only.
 */
export function writeCaServerConfig(cfg: ResolvedConfig, org: string): void {
  const file = caServerConfigPath(cfg, org);
  if (!existsSync(file)) {
    writeFileSync(`${file}.tmp`, serverConfigYaml(bootstrapSecret(cfg, org)), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
  chmodSync(file, 0o600);
}
