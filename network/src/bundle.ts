/**
 * One organisation's share of the network, for a deployment where each
 * organisation runs on its own host: its crypto material, an environment
 * file per node and a connection profile. The bundle mirrors the
 * organisation's folder in the data dir, so every path in the environment
 * files is rewritten from the data dir to the bundle folder.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedConfig } from './config';
import { NetworkError } from '@idcard/ca-client';
import { programPaths } from './fabric-programs';
import { fabricConfigDir } from './fabric-sample-config';
import { orgPaths } from './identities';
import { ordererProcessSpec, orgTlsCaFile, peerProcessSpec } from './node-config';
import type { ProcessSpec } from './supervisor';
import { ordererNodes, ordererOrg, orgHome, peerNodes, type NodeSpec } from './topology';

/** What a bundle holds. */
export interface OrgBundle {
  readonly dir: string;
  readonly nodes: readonly string[];
  readonly identities: readonly string[];
}

/** An endpoint with the PEM of the TLS CA that signs its certificate. */
export interface BundleEndpoint {
  readonly name: string;
  readonly address: string;
  readonly tlsCaCert: string;
}

/** The bundle's connection.json. */
export interface BundleConnection {
  readonly organisation: string;
  readonly mspId: string;
  readonly channel: string;
  readonly chaincode: string;
  readonly peers: readonly BundleEndpoint[];
  readonly orderers: readonly BundleEndpoint[];
}

/** Quotes a value for an env file read by `sh` (`set -a; . file`) and systemd's EnvironmentFile. */
export function envFileLine(key: string, value: string): string {
  return `${key}='${value.replace(/'/g, `'\\''`)}'`;
}

/** Replaces every occurrence of each `from` prefix (longest first) in a value. */
export function rebasePaths(value: string, mappings: readonly (readonly [string, string])[]): string {
  const sorted = [...mappings].sort((a, b) => b[0].length - a[0].length);
  return sorted.reduce((v, [from, to]) => v.split(from).join(to), value);
}

/** The env file text of a node: its environment (without PATH) with paths moved into the bundle. */
export function nodeEnvFile(spec: ProcessSpec, mappings: readonly (readonly [string, string])[]): string {
  const lines = [
    `# ${spec.name}: run ${[spec.program, ...spec.args].join(' ')} with these variables`,
    ...Object.entries(spec.env)
      .filter((e): e is [string, string] => e[0] !== 'PATH' && e[1] !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => envFileLine(k, rebasePaths(v, mappings))),
  ];
  return `${lines.join('\n')}\n`;
}

function endpoint(cfg: ResolvedConfig, node: NodeSpec): BundleEndpoint {
  return {
    name: node.name,
    address: `${node.host}:${node.port}`,
    tlsCaCert: readFileSync(orgTlsCaFile(cfg, node.org), 'utf8'),
  };
}

/** The connection profile of an organisation: its peers, the ordering nodes, channel and chaincode. */
export function bundleConnection(cfg: ResolvedConfig, orgName: string): BundleConnection {
  const org = cfg.organisations.find((o) => o.name === orgName);
  if (!org) throw new NetworkError('CONFIG_INVALID', `unknown organisation ${orgName}`);
  return {
    organisation: org.name,
    mspId: org.mspId,
    channel: cfg.channel,
    chaincode: cfg.chaincode.name,
    peers: peerNodes(cfg)
      .filter((n) => n.org === org.name)
      .map((n) => endpoint(cfg, n)),
    orderers: ordererNodes(cfg).map((n) => endpoint(cfg, n)),
  };
}

/**
 * Writes one organisation's bundle into `outDir`: `msp/` (org MSP),
 * `nodes/<node>/{msp,tls}`, `identities/<admin and clients>`,
 * `fabric-config/` (when prepared), `node-env/<node>.env` and
 * `connection.json`. Private keys are included: the folder is for that
 * organisation's host only.
 * @throws NetworkError CONFIG_INVALID for an unknown organisation; Error when its identities are not issued.
 */
export function writeOrgBundle(cfg: ResolvedConfig, orgName: string, outDir: string): OrgBundle {
  const connection = bundleConnection(cfg, orgName);
  const nodes =
    ordererOrg(cfg).name === orgName ? ordererNodes(cfg) : peerNodes(cfg).filter((n) => n.org === orgName);
  const home = orgHome(cfg, orgName);
  const paths = orgPaths(cfg, orgName);
  mkdirSync(join(outDir, 'node-env'), { recursive: true });
  cpSync(paths.msp, join(outDir, 'msp'), { recursive: true });
  const identities = existsSync(paths.identities)
    ? cpIdentities(paths.identities, join(outDir, 'identities'))
    : [];
  const cfgDir = fabricConfigDir(cfg);
  if (existsSync(cfgDir)) cpSync(cfgDir, join(outDir, 'fabric-config'), { recursive: true });
  const mappings: [string, string][] = [
    [home, outDir],
    [cfgDir, join(outDir, 'fabric-config')],
  ];
  const programs = programPaths(cfg);
  for (const node of nodes) {
    for (const sub of ['msp', 'tls']) {
      cpSync(join(node.home, sub), join(outDir, 'nodes', node.name, sub), { recursive: true });
    }
    const spec =
      node.kind === 'orderer'
        ? ordererProcessSpec(cfg, programs, node, cfgDir)
        : peerProcessSpec(cfg, programs, node, cfgDir);
    writeFileSync(join(outDir, 'node-env', `${node.name}.env`), nodeEnvFile(spec, mappings));
  }
  writeFileSync(join(outDir, 'connection.json'), `${JSON.stringify(connection, null, 2)}\n`);
  return { dir: outDir, nodes: nodes.map((n) => n.name), identities };
}

function cpIdentities(from: string, to: string): string[] {
  cpSync(from, to, { recursive: true });
  return readdirSync(from).sort();
}
