/**
 * Joins the ordering nodes (channel participation API, through osnadmin)
 * and the peers (`peer channel join`, as their organisation's admin) to the
 * channel, and reads block heights. Every join asks first, so running it
 * again on a joined network changes nothing.
 *
 * osnadmin authenticates with the orderer node's own TLS pair: the admin
 * endpoint requires client certificates issued by the orderer organisation's
 * CA (ORDERER_ADMIN_TLS_CLIENTROOTCAS in node-config.ts).
 */
import type { ResolvedConfig } from './config';
import {
  type CommandResult,
  type EnrolledIdentity,
  NetworkError,
  runCommand,
  untilSucceeds,
} from '@idcard/ca-client';
import type { FabricPrograms } from './fabric-programs';
import type { IssuedIdentities } from './identities';
import { adminPeerEnv, nodeTlsDir, orgTlsCaFile, tlsFilesIn } from './node-config';
import { ordererNodes, ordererOrg, peerNodes, type NodeSpec } from './topology';

/** What happened to one node in a join. */
export interface JoinOutcome {
  readonly node: string;
  readonly action: 'joined' | 'already-joined';
}

/** An osnadmin answer: HTTP status and JSON body. */
export interface OsnadminAnswer {
  readonly status: number;
  readonly body: unknown;
}

const COMMAND_TIMEOUT_MS = 60_000;

function failure(what: string, res: CommandResult): NetworkError {
  const lines = `${res.stdout}\n${res.stderr}`.trim().split('\n').filter(Boolean).slice(-4);
  return new NetworkError('PROCESS_FAILED', what, lines);
}

/**
 * Parses osnadmin output (`Status: 201` then an indented JSON body).
 * Returns undefined when there is no status line (osnadmin could not connect).
 */
export function parseOsnadminOutput(stdout: string): OsnadminAnswer | undefined {
  const m = /^Status: (\d{3})\s*\n?([\s\S]*)$/m.exec(stdout.trim());
  if (!m) return undefined;
  const text = (m[2] ?? '').trim();
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: Number(m[1]), body };
}

/** osnadmin arguments for a `channel` subcommand against one orderer's admin endpoint. */
export function osnadminArgs(
  cfg: ResolvedConfig,
  node: NodeSpec,
  tlsDir: string,
  sub: readonly string[],
): string[] {
  const tls = tlsFilesIn(tlsDir);
  return [
    'channel',
    ...sub,
    '-o',
    `${node.host}:${String(node.adminPort)}`,
    '--ca-file',
    orgTlsCaFile(cfg, ordererOrg(cfg).name),
    '--client-cert',
    tls.cert,
    '--client-key',
    tls.key,
  ];
}

async function osnadmin(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  node: NodeSpec,
  tlsDir: string,
  sub: readonly string[],
): Promise<OsnadminAnswer> {
  // An orderer restarted on its ledger answers /healthz before its admin endpoint does.
  const res = await untilSucceeds(
    () =>
      runCommand(programs.osnadmin, osnadminArgs(cfg, node, tlsDir, sub), {
        timeoutMs: COMMAND_TIMEOUT_MS,
      }).then((r) => ({ ...r, code: parseOsnadminOutput(r.stdout) === undefined ? 1 : 0 })),
    PEER_ANSWER_MS,
  );
  const answer = parseOsnadminOutput(res.stdout);
  if (!answer) throw failure(`osnadmin channel ${sub[0] ?? ''} failed at ${node.name}`, res);
  return answer;
}

function tlsDirOf(identities: IssuedIdentities, node: NodeSpec): string {
  const dir = identities.nodes.get(node.name)?.tlsDir;
  if (dir === undefined) throw new Error(`no TLS enrolment for ${node.name}`);
  return dir;
}

/**
 * Joins every ordering node to the channel with the genesis block; nodes
 * already on the channel are left alone.
 * @throws NetworkError PROCESS_FAILED when osnadmin fails or refuses.
 */
export async function joinOrderers(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  identities: IssuedIdentities,
  block: string,
): Promise<JoinOutcome[]> {
  const outcomes: JoinOutcome[] = [];
  for (const node of ordererNodes(cfg)) {
    const tlsDir = tlsDirOf(identities, node);
    const listed = await osnadmin(cfg, programs, node, tlsDir, ['list', '--channelID', cfg.channel]);
    if (listed.status === 200) {
      outcomes.push({ node: node.name, action: 'already-joined' });
      continue;
    }
    const joined = await osnadmin(cfg, programs, node, tlsDir, [
      'join',
      '--channelID',
      cfg.channel,
      '--config-block',
      block,
    ]);
    // 405: the channel exists on that node already (a concurrent or earlier join).
    if (joined.status !== 201 && joined.status !== 405) {
      throw new NetworkError('PROCESS_FAILED', `${node.name} refused to join ${cfg.channel}`, [
        `HTTP ${joined.status}: ${JSON.stringify(joined.body)}`,
      ]);
    }
    outcomes.push({ node: node.name, action: joined.status === 201 ? 'joined' : 'already-joined' });
  }
  return outcomes;
}

/**
 * The channel names in `peer channel list` output: the bare names listed
 * after the "Channels peers has joined:" header (log lines never match, so
 * stdout and stderr may be passed together).
 */
export function parsePeerChannelList(output: string): string[] {
  return output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[a-z][a-z0-9.-]*$/.test(l));
}

/** The height in `peer channel getinfo` output (`Blockchain info: {"height":5,...}`). */
export function parseBlockchainInfoHeight(stdout: string): number | null {
  const json = /Blockchain info: (\{.*\})/.exec(stdout)?.[1];
  if (json === undefined) return null;
  try {
    const height = (JSON.parse(json) as { height?: unknown }).height;
    return typeof height === 'number' ? height : null;
  } catch {
    return null;
  }
}

function adminOf(identities: IssuedIdentities, org: string): EnrolledIdentity {
  const admin = identities.admins.get(org);
  if (!admin) throw new Error(`no admin identity issued for ${org}`);
  return admin;
}

/**
 * How long a node restarted on an existing ledger may take to answer its admin after its
 * health endpoint does (it first replays its state, so the first admin command can be refused).
 */
const PEER_ANSWER_MS = 60_000;

/**
 * Joins every peer to the channel as its organisation's admin; peers that
 * list the channel already are left alone.
 * @throws NetworkError PROCESS_FAILED when `peer channel join` fails.
 */
export async function joinPeers(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  identities: IssuedIdentities,
  block: string,
  fabricCfgDir: string,
): Promise<JoinOutcome[]> {
  const outcomes: JoinOutcome[] = [];
  for (const node of peerNodes(cfg)) {
    const env = adminPeerEnv(cfg, programs, node, adminOf(identities, node.org), fabricCfgDir);
    const opts = { env, timeoutMs: COMMAND_TIMEOUT_MS };
    const listed = await untilSucceeds(
      () => runCommand(programs.peer, ['channel', 'list'], opts),
      PEER_ANSWER_MS,
    );
    if (listed.code !== 0) throw failure(`peer channel list failed at ${node.name}`, listed);
    if (parsePeerChannelList(`${listed.stdout}\n${listed.stderr}`).includes(cfg.channel)) {
      outcomes.push({ node: node.name, action: 'already-joined' });
      continue;
    }
    const joined = await runCommand(programs.peer, ['channel', 'join', '-b', block], opts);
    // A join racing an earlier one reports the existing ledger: that peer is on the channel.
    if (joined.code !== 0 && !/already exists/i.test(joined.stderr)) {
      throw failure(`${node.name} could not join ${cfg.channel}`, joined);
    }
    outcomes.push({ node: node.name, action: joined.code === 0 ? 'joined' : 'already-joined' });
  }
  return outcomes;
}

/** Block height of the channel on a peer (queried as its organisation's admin), or null when unknown. */
export async function peerHeight(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  identities: IssuedIdentities,
  node: NodeSpec,
  fabricCfgDir: string,
): Promise<number | null> {
  const env = adminPeerEnv(cfg, programs, node, adminOf(identities, node.org), fabricCfgDir);
  const res = await runCommand(programs.peer, ['channel', 'getinfo', '-c', cfg.channel], {
    env,
    timeoutMs: COMMAND_TIMEOUT_MS,
  });
  return res.code === 0 ? parseBlockchainInfoHeight(`${res.stdout}\n${res.stderr}`) : null;
}

/** The height in an osnadmin single-channel answer, or null. */
export function heightFromOsnadmin(answer: OsnadminAnswer | undefined): number | null {
  if (answer?.status !== 200 || typeof answer.body !== 'object' || answer.body === null) return null;
  const height = (answer.body as { height?: unknown }).height;
  return typeof height === 'number' ? height : null;
}

/** Block height of the channel on an ordering node (from its channel participation API), or null. */
export async function ordererHeight(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  node: NodeSpec,
): Promise<number | null> {
  const res = await runCommand(
    programs.osnadmin,
    osnadminArgs(cfg, node, nodeTlsDir(node), ['list', '--channelID', cfg.channel]),
    { timeoutMs: COMMAND_TIMEOUT_MS },
  );
  return heightFromOsnadmin(parseOsnadminOutput(res.stdout));
}
