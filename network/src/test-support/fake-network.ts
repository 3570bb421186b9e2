/**
 * A config in a temporary data dir with the crypto material laid out the way
 * issueIdentities leaves it (fake PEM text, no CA needed), for tests of
 * generated configuration.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkNetworkConfig, defaultConfigPath, type Consensus, type ResolvedConfig } from '../config';
import { type EnrolledIdentity, writeOrgMsp } from '@idcard/ca-client';
import { programPaths, type FabricPrograms } from '../fabric-programs';
import { identityDir, orgPaths, readIdentity, type IssuedIdentities } from '../identities';
import { ordererNodes, peerNodes } from '../topology';

/** A search environment where no Fabric is installed, so fake networks do not depend on the machine. */
export const NO_INSTALLED_FABRIC = { PATH: '' } as const;

/** Everything a generator needs. */
export interface FakeNetwork {
  readonly cfg: ResolvedConfig;
  readonly identities: IssuedIdentities;
  readonly programs: FabricPrograms;
  readonly fabricCfgDir: string;
}

const pem = (what: string): string => `-----BEGIN CERTIFICATE-----\n${what}\n-----END CERTIFICATE-----\n`;

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

function fakeEnrolment(dir: string, name: string, mspId: string, withTls: boolean): EnrolledIdentity {
  write(join(dir, 'msp', 'signcerts', 'cert.pem'), pem(`enrolment ${name}`));
  write(join(dir, 'msp', 'keystore', 'priv_sk'), `key ${name}\n`);
  write(join(dir, 'msp', 'cacerts', 'ca-cert.pem'), pem(`ca ${mspId}`));
  if (withTls) {
    write(join(dir, 'tls', 'signcerts', 'cert.pem'), pem(`tls ${name}`));
    write(join(dir, 'tls', 'keystore', 'tls_sk'), `tls key ${name}\n`);
    write(join(dir, 'tls', 'tlscacerts', 'tls-ca.pem'), pem(`tls ca ${mspId}`));
  }
  const id = readIdentity(dir, name, mspId);
  if (!id) throw new Error(`fake enrolment of ${name} failed`);
  return id;
}

/** The shipped config file as a plain object, to vary in tests. */
export function rawConfig(): Record<string, unknown> {
  return JSON.parse(readFileSync(defaultConfigPath(), 'utf8')) as Record<string, unknown>;
}

/** A network on base port 40000 in a fresh temporary data dir, with fake identities. */
export function fakeNetwork(consensus: Consensus = 'raft', raw: unknown = rawConfig()): FakeNetwork {
  const dataDir = mkdtempSync(join(tmpdir(), 'fake-network-'));
  const cfg = checkNetworkConfig(raw, {
    dataDir,
    consensus,
    basePort: 40000,
    programsDir: join(dataDir, 'programs'),
  });
  const nodes = new Map<string, EnrolledIdentity>();
  const admins = new Map<string, EnrolledIdentity>();
  const clients = new Map<string, EnrolledIdentity>();
  for (const org of cfg.organisations) {
    const caFile = join(dataDir, `ca-${org.name}.pem`);
    write(caFile, pem(`ca ${org.mspId}`));
    writeOrgMsp(orgPaths(cfg, org.name).msp, caFile);
    admins.set(
      org.name,
      fakeEnrolment(identityDir(cfg, org.name, 'admin'), `admin-${org.name}`, org.mspId, false),
    );
    if (org.kind === 'peer') {
      for (const c of org.clients) {
        clients.set(c.name, fakeEnrolment(identityDir(cfg, org.name, c.name), c.name, org.mspId, false));
      }
    }
  }
  for (const node of [...ordererNodes(cfg), ...peerNodes(cfg)]) {
    nodes.set(node.name, fakeEnrolment(node.home, node.name, node.mspId, true));
  }
  const fabricCfgDir = join(dataDir, 'fabric-config');
  write(join(fabricCfgDir, 'core.yaml'), 'peer: {}\n');
  write(join(fabricCfgDir, 'orderer.yaml'), 'General: {}\n');
  return {
    cfg,
    identities: { nodes, admins, clients },
    programs: programPaths(cfg, NO_INSTALLED_FABRIC),
    fabricCfgDir,
  };
}

/** Writes an executable shell script (a stand-in for a Fabric program) and returns its path. */
export function fakeProgram(dir: string, name: string, script: string): string {
  const path = join(dir, name);
  // A stand-in must never replace a real program (an installed Fabric on PATH, say).
  if (!resolve(path).startsWith(`${resolve(tmpdir())}/`))
    throw new Error(`refusing to write a stand-in program outside the temporary folder: ${path}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return path;
}
