/**
 * The chaincode lifecycle of the one chaincode: install the ccaas package on
 * every peer, approve its definition for every organisation, commit it. It
 * reads what the peers and the channel have first and decides with the pure
 * functions of lifecycle-plan.ts, so deploying the same package and version
 * again does nothing and a changed one is an upgrade (next sequence).
 */
import type { ResolvedConfig } from './config';
import { packageId } from './ccaas-package';
import { type CommandResult, NetworkError, runCommand, untilSucceeds } from '@idcard/ca-client';
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
import { ordererNodes, ordererOrg, peerNodes, peerOrgs, type NodeSpec } from './topology';

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

/** A lifecycle query a peer can briefly refuse right after joins and approvals, asked again for up to 10 s. */
function askAgain(cli: PeerCli, peer: NodeSpec, args: readonly string[]): Promise<CommandResult> {
  return untilSucceeds(() => cli(peer, args), 10_000);
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
    const listed = await askAgain(cli, peer, [
      'lifecycle',
      'chaincode',
      'queryinstalled',
      '--output',
      'json',
    ]);
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
  return parseCommitReadiness(ok(await askAgain(cli, first, args), 'checkcommitreadiness failed'));
}

const APPROVAL_POLLS = 20;
const APPROVAL_POLL_MS = 500;

/**
 * Polls readiness until every organisation's approval shows: each approval
 * waits for its own organisation's peer only, so the asking peer may be a
 * block behind. Returns the MSP ids still missing at the end.
 */
async function waitForApprovals(
  cfg: ResolvedConfig,
  cli: PeerCli,
  def: ChaincodeDefinition,
): Promise<string[]> {
  const mspIds = peerOrgs(cfg).map((o) => o.mspId);
  let missing = approvalsMissing(await readiness(cfg, cli, def), mspIds);
  for (let attempt = 0; attempt < APPROVAL_POLLS && missing.length > 0; attempt++) {
    await new Promise((r) => setTimeout(r, APPROVAL_POLL_MS));
    missing = approvalsMissing(await readiness(cfg, cli, def), mspIds);
  }
  return missing;
}

function queryCommittedArgs(cfg: ResolvedConfig): string[] {
  return [
    'lifecycle',
    'chaincode',
    'querycommitted',
    '--channelID',
    cfg.channel,
    '--name',
    cfg.chaincode.name,
    '--output',
    'json',
  ];
}

/**
 * The chaincode definition committed on the channel, as the first
 * organisation's peer reports it to its admin (undefined: none committed).
 * @throws NetworkError PROCESS_FAILED when the query fails otherwise
 */
export async function queryCommittedChaincode(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  identities: IssuedIdentities,
  fabricCfgDir: string,
): Promise<ChaincodeDefinition | undefined> {
  const [first] = commitPeers(cfg);
  if (!first) return undefined;
  return parseQueryCommitted(
    await peerCli(cfg, programs, identities, fabricCfgDir)(first, queryCommittedArgs(cfg)),
  );
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
  const committed = parseQueryCommitted(await cli(first, queryCommittedArgs(cfg)));
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
  const still = await waitForApprovals(cfg, cli, def);
  if (still.length > 0) {
    throw new NetworkError('PROCESS_FAILED', `chaincode definition not approved by ${still.join(', ')}`);
  }
  ok(
    await cli(first, commitArgs(cfg, def)),
    `commit of ${cfg.chaincode.name} sequence ${def.sequence} failed`,
  );
  return { packageId: pkgId, sequence: def.sequence, version: req.version };
}
