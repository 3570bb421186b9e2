/**
 * Chaincode as a service: the ccaas package (only the server's address and
 * TLS root, no code), its install/approve/commit lifecycle, and the process
 * running the chaincode server. The lifecycle reads what the channel has
 * first and decides with pure functions (lifecycle-plan below), so deploying
 * the same package again does nothing and a changed one is an upgrade.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ResolvedConfig } from './config';
import { NetworkError } from './errors';
import type { FabricPrograms } from './fabric-programs';
import type { IssuedIdentities } from './identities';
import {
  approvalsMissing,
  nextDefinition,
  parseApprovedPackageId,
  parseCommitReadiness,
  parseQueryCommitted,
  parseQueryInstalled,
  peersMissingPackage,
  type ChaincodeDefinition,
} from './lifecycle-plan';
import { adminPeerEnv, orgTlsCaFile } from './node-config';
import { runCommand, type CommandResult } from './run-command';
import type { ProcessSpec } from './supervisor';
import {
  chaincodeNode,
  dataPaths,
  ordererNodes,
  ordererOrg,
  peerNodes,
  peerOrgs,
  type NodeSpec,
} from './topology';

/** How long the peer waits for the chaincode server's TCP/TLS handshake. */
export const CCAAS_DIAL_TIMEOUT = '10s';

/** The ccaas connection.json for a chaincode server address, as deterministic text. */
export function connectionJson(address: string, tlsRootCertPem?: string): string {
  const tls =
    tlsRootCertPem === undefined
      ? { tls_required: false }
      : { tls_required: true, client_auth_required: false, root_cert: tlsRootCertPem };
  return `${JSON.stringify({ address, dial_timeout: CCAAS_DIAL_TIMEOUT, ...tls }, null, 2)}\n`;
}

/** tar options that make an archive depend only on the names and contents of its files. */
export const DETERMINISTIC_TAR_FLAGS: readonly string[] = [
  '--format=ustar',
  '--sort=name',
  '--mtime=@0',
  '--owner=0',
  '--group=0',
  '--numeric-owner',
  '--mode=0644',
];

/** Writes `<out>` as a gzipped tar of `names` in `dir`; gzip by zlib so no name or time enters its header. */
async function deterministicTgz(dir: string, names: readonly string[], out: string): Promise<void> {
  for (const n of names) chmodSync(join(dir, n), 0o644);
  const tarFile = `${out}.tar`;
  const res = await runCommand('tar', [...DETERMINISTIC_TAR_FLAGS, '-cf', tarFile, '-C', dir, ...names]);
  if (res.code !== 0) throw new NetworkError('PROCESS_FAILED', `tar failed for ${out}`, [res.stderr.trim()]);
  writeFileSync(out, gzipSync(readFileSync(tarFile), { level: 9 }));
  rmSync(tarFile);
}

/**
 * Writes the ccaas package `<dataDir>/chaincode/<label>.tgz` (metadata.json
 * and code.tar.gz holding connection.json) for a chaincode server, and
 * returns its path. Equal inputs give byte-identical packages, so the same
 * package id.
 * @throws NetworkError PROCESS_FAILED when tar fails.
 */
export async function packageCcaas(
  cfg: ResolvedConfig,
  label: string,
  chaincodeServer: NodeSpec,
  tlsRootCertPem?: string,
): Promise<string> {
  const root = dataPaths(cfg).chaincode;
  mkdirSync(root, { recursive: true });
  const stage = mkdtempSync(join(root, '.package-'));
  try {
    const address = `${chaincodeServer.host}:${chaincodeServer.port}`;
    writeFileSync(join(stage, 'connection.json'), connectionJson(address, tlsRootCertPem));
    await deterministicTgz(stage, ['connection.json'], join(stage, 'code.tar.gz'));
    writeFileSync(join(stage, 'metadata.json'), `${JSON.stringify({ type: 'ccaas', label })}\n`);
    const out = join(root, `${label}.tgz`);
    await deterministicTgz(stage, ['code.tar.gz', 'metadata.json'], `${out}.tmp`);
    renameSync(`${out}.tmp`, out);
    return out;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** The package id peers give a package file: `label:sha256(file)`. */
export function packageId(label: string, file: string): string {
  return `${label}:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
}

/** What to deploy. */
export interface DeployRequest {
  readonly version: string;
  readonly label: string;
  readonly packageFile: string;
}

/** What is committed after a deploy. */
export interface DeployResult {
  readonly packageId: string;
  readonly sequence: number;
  readonly version: string;
}

/** The orderer connection arguments of lifecycle commands that submit transactions. */
export function ordererArgs(cfg: ResolvedConfig): string[] {
  const first = ordererNodes(cfg)[0];
  if (!first) throw new Error('no ordering node (checked at load)');
  return ['-o', `${first.host}:${first.port}`, '--tls', '--cafile', orgTlsCaFile(cfg, ordererOrg(cfg).name)];
}

/** The chaincode definition arguments shared by approve, readiness check and commit. */
export function definitionArgs(cfg: ResolvedConfig, def: ChaincodeDefinition): string[] {
  return [
    '--channelID',
    cfg.channel,
    '--name',
    cfg.chaincode.name,
    '--version',
    def.version,
    '--sequence',
    String(def.sequence),
    '--signature-policy',
    cfg.chaincode.endorsementPolicy,
  ];
}

/** `peer lifecycle chaincode approveformyorg` arguments. */
export function approveArgs(cfg: ResolvedConfig, def: ChaincodeDefinition, pkgId: string): string[] {
  return [
    'lifecycle',
    'chaincode',
    'approveformyorg',
    ...ordererArgs(cfg),
    ...definitionArgs(cfg, def),
    '--package-id',
    pkgId,
  ];
}

/** One endorsing peer per organisation: the lifecycle policy (MAJORITY) is met by all of them. */
export function commitPeers(cfg: ResolvedConfig): NodeSpec[] {
  return peerOrgs(cfg).map((org) => {
    const peer = peerNodes(cfg).find((n) => n.org === org.name);
    if (!peer) throw new Error(`organisation ${org.name} has no peer (checked at load)`);
    return peer;
  });
}

/** `peer lifecycle chaincode commit` arguments, targeting a peer of every organisation. */
export function commitArgs(cfg: ResolvedConfig, def: ChaincodeDefinition): string[] {
  return [
    'lifecycle',
    'chaincode',
    'commit',
    ...ordererArgs(cfg),
    ...definitionArgs(cfg, def),
    ...commitPeers(cfg).flatMap((p) => [
      '--peerAddresses',
      `${p.host}:${p.port}`,
      '--tlsRootCertFiles',
      orgTlsCaFile(cfg, p.org),
    ]),
  ];
}

/** Runs the peer CLI as an organisation admin against one peer. */
type PeerCli = (peer: NodeSpec, args: readonly string[]) => Promise<CommandResult>;

function peerCli(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  identities: IssuedIdentities,
  fabricCfgDir: string,
): PeerCli {
  return (peer, args) => {
    const admin = identities.admins.get(peer.org);
    if (!admin) throw new Error(`no admin identity issued for ${peer.org}`);
    return runCommand(programs.peer, args, {
      env: adminPeerEnv(cfg, programs, peer, admin, fabricCfgDir),
      timeoutMs: 300_000,
    });
  };
}

function ok(res: CommandResult, what: string): string {
  if (res.code !== 0) {
    throw new NetworkError('PROCESS_FAILED', what, res.stderr.trim().split('\n').slice(-4));
  }
  return res.stdout;
}

async function installEverywhere(
  cfg: ResolvedConfig,
  cli: PeerCli,
  file: string,
  pkgId: string,
): Promise<void> {
  const installed = new Map<string, string[]>();
  for (const peer of peerNodes(cfg)) {
    const listed = await cli(peer, ['lifecycle', 'chaincode', 'queryinstalled', '--output', 'json']);
    installed.set(peer.name, parseQueryInstalled(ok(listed, `queryinstalled failed at ${peer.name}`)));
  }
  const missing = peersMissingPackage(installed, pkgId);
  for (const peer of peerNodes(cfg).filter((p) => missing.includes(p.name))) {
    ok(
      await cli(peer, ['lifecycle', 'chaincode', 'install', file]),
      `install of ${pkgId} failed at ${peer.name}`,
    );
  }
}

async function readiness(
  cfg: ResolvedConfig,
  cli: PeerCli,
  def: ChaincodeDefinition,
): Promise<Record<string, boolean>> {
  const [first] = commitPeers(cfg);
  if (!first) throw new Error('no peer organisation (checked at load)');
  const args = [
    'lifecycle',
    'chaincode',
    'checkcommitreadiness',
    ...definitionArgs(cfg, def),
    '--output',
    'json',
  ];
  return parseCommitReadiness(ok(await cli(first, args), 'checkcommitreadiness failed'));
}

/**
 * Installs the package on every peer, approves its definition for every
 * organisation and commits it, skipping each step already done: the same
 * package and version committed already is a no-op; a changed package or
 * version is committed as the next sequence (an upgrade).
 * @throws NetworkError PROCESS_FAILED when a lifecycle command fails or an organisation's approval is missing.
 */
export async function deployChaincode(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  identities: IssuedIdentities,
  fabricCfgDir: string,
  req: DeployRequest,
): Promise<DeployResult> {
  const pkgId = packageId(req.label, req.packageFile);
  const cli = peerCli(cfg, programs, identities, fabricCfgDir);
  await installEverywhere(cfg, cli, req.packageFile, pkgId);
  const peers = commitPeers(cfg);
  const [first] = peers;
  if (!first) throw new Error('no peer organisation (checked at load)');
  const queried = await cli(first, [
    'lifecycle',
    'chaincode',
    'querycommitted',
    '--channelID',
    cfg.channel,
    '--name',
    cfg.chaincode.name,
    '--output',
    'json',
  ]);
  const committed = parseQueryCommitted(queried);
  let committedPackageId: string | undefined;
  if (committed) {
    const approved = await cli(first, [
      'lifecycle',
      'chaincode',
      'queryapproved',
      '--channelID',
      cfg.channel,
      '--name',
      cfg.chaincode.name,
      '--sequence',
      String(committed.sequence),
      '--output',
      'json',
    ]);
    committedPackageId = approved.code === 0 ? parseApprovedPackageId(approved.stdout) : undefined;
  }
  const next = nextDefinition({ packageId: pkgId, version: req.version }, committed, committedPackageId);
  if (next.upToDate) return { packageId: pkgId, sequence: next.sequence, version: req.version };
  const def: ChaincodeDefinition = { sequence: next.sequence, version: req.version };
  const missing = approvalsMissing(
    await readiness(cfg, cli, def),
    peerOrgs(cfg).map((o) => o.mspId),
  );
  for (const peer of peers.filter((p) => missing.includes(p.mspId))) {
    ok(await cli(peer, approveArgs(cfg, def, pkgId)), `approveformyorg failed for ${peer.mspId}`);
  }
  const still = approvalsMissing(
    await readiness(cfg, cli, def),
    peerOrgs(cfg).map((o) => o.mspId),
  );
  if (still.length > 0) {
    throw new NetworkError('PROCESS_FAILED', `chaincode definition not approved by ${still.join(', ')}`);
  }
  ok(
    await cli(first, commitArgs(cfg, def)),
    `commit of ${cfg.chaincode.name} sequence ${def.sequence} failed`,
  );
  return { packageId: pkgId, sequence: def.sequence, version: req.version };
}

/** TLS files of the chaincode server (its certificate must name the server's host). */
export interface ChaincodeServerTls {
  readonly certFile: string;
  readonly keyFile: string;
  /** Set to require (and check) peer client certificates. */
  readonly clientCaFile?: string;
}

/** Path of the fabric-shim command line (`fabric-chaincode-node`) in the project's node_modules. */
export function fabricShimCli(cfg: ResolvedConfig): string {
  return join(cfg.projectRoot, 'node_modules', 'fabric-shim', 'cli.js');
}

/** How to run the chaincode server for an installed package id (serves every peer). */
export function chaincodeServerSpec(
  cfg: ResolvedConfig,
  pkgId: string,
  tls?: ChaincodeServerTls,
): ProcessSpec {
  const node = chaincodeNode(cfg);
  const tlsArgs =
    tls === undefined
      ? []
      : [
          '--chaincode-tls-cert-file',
          tls.certFile,
          '--chaincode-tls-key-file',
          tls.keyFile,
          ...(tls.clientCaFile === undefined ? [] : ['--chaincode-tls-client-cacert-file', tls.clientCaFile]),
        ];
  return {
    name: node.name,
    program: process.execPath,
    args: [
      fabricShimCli(cfg),
      'server',
      '--chaincode-address',
      `${node.host}:${node.port}`,
      '--chaincode-id',
      pkgId,
      ...tlsArgs,
    ],
    // The shim reads CORE_* variables as options: give it a clean environment.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: node.home, NODE_ENV: 'production' },
    cwd: join(cfg.projectRoot, 'chaincode'),
    logFile: join(dataPaths(cfg).logs, `${node.name}.log`),
    pidFile: join(dataPaths(cfg).run, `${node.name}.pid`),
  };
}
