/**
 * Waits until the network can endorse: every peer answers a chaincode query
 * and knows every other peer of the channel through gossip. Right after the
 * chaincode is committed or its server (re)started, each peer connects to
 * the chaincode server only when it first runs the chaincode; until every
 * endorsing peer has, a submit fails with "failed to collect enough
 * transaction endorsements". And a peer's discovery service plans
 * endorsements only with the peers its gossip membership holds; until then a
 * submit fails with "failed to find any endorsing peers for org(s)". So `up`
 * and the test harness wait for both before the first submit.
 */
import type { ResolvedConfig } from './config';
import { NetworkError, runCommand } from '@idcard/ca-client';
import type { FabricPrograms } from './fabric-programs';
import type { IssuedIdentities } from './identities';
import { adminPeerEnv } from './node-config';
import { probe } from './health';
import { peerNodes, type NodeSpec } from './topology';

/** The contract API's own metadata query: answered by any fabric-contract-api chaincode, touches no state. */
const PROBE_ARGS = JSON.stringify({ Args: ['org.hyperledger.fabric:GetMetadata'] });

/** Options of the wait. */
export interface ChaincodeWaitOptions {
  /** Overall deadline (default 120 s). */
  readonly timeoutMs?: number;
  readonly progress?: (line: string) => void;
}

async function answers(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  identities: IssuedIdentities,
  fabricCfgDir: string,
  peer: NodeSpec,
): Promise<string | undefined> {
  const admin = identities.admins.get(peer.org);
  if (!admin) throw new Error(`no admin identity issued for ${peer.org}`);
  const res = await runCommand(
    programs.peer,
    ['chaincode', 'query', '--channelID', cfg.channel, '--name', cfg.chaincode.name, '--ctor', PROBE_ARGS],
    { env: adminPeerEnv(cfg, programs, peer, admin, fabricCfgDir), timeoutMs: 30_000 },
  );
  return res.code === 0 ? undefined : res.stderr.trim().split('\n').slice(-1)[0];
}

/**
 * Resolves once every peer has answered a chaincode query (each peer polled
 * with backoff until it does).
 * @throws NetworkError NOT_READY naming the peers that never answered and their last error
 */
export async function waitChaincodeAnswering(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  identities: IssuedIdentities,
  fabricCfgDir: string,
  opts: ChaincodeWaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  const failures = new Map<string, string>();
  await Promise.all(
    peerNodes(cfg).map(async (peer) => {
      let delay = 250;
      for (;;) {
        const error = await answers(cfg, programs, identities, fabricCfgDir, peer);
        if (error === undefined) {
          failures.delete(peer.name);
          return;
        }
        failures.set(peer.name, error);
        if (Date.now() + delay > deadline) return;
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 2000);
      }
    }),
  );
  if (failures.size > 0) {
    throw new NetworkError(
      'NOT_READY',
      `chaincode ${cfg.chaincode.name} did not answer on ${[...failures.keys()].join(', ')} within ${Math.round((opts.timeoutMs ?? 120_000) / 1000)} s`,
      [...failures].map(([peer, err]) => `${peer}: ${err}`),
    );
  }
  opts.progress?.(`chaincode ${cfg.chaincode.name} answering on ${String(peerNodes(cfg).length)} peers`);
  await waitGossipMembership(cfg, deadline);
  opts.progress?.(`every peer knows the other ${String(peerNodes(cfg).length - 1)} through gossip`);
}

/** How many other peers of `channel` a peer's gossip knows, from its operations metrics (undefined: unknown). */
export function peersKnown(metrics: string, channel: string): number | undefined {
  const line = metrics
    .split('\n')
    .find((l) => l.startsWith(`gossip_membership_total_peers_known{channel="${channel}"}`));
  const value = line === undefined ? Number.NaN : Number(line.split(' ').pop());
  return Number.isFinite(value) ? value : undefined;
}

async function waitGossipMembership(cfg: ResolvedConfig, deadline: number): Promise<void> {
  const peers = peerNodes(cfg);
  const known = new Map<string, number | undefined>();
  for (;;) {
    for (const p of peers) {
      const res = await probe(`http://${p.host}:${String(p.operationsPort)}/metrics`);
      known.set(p.name, res.body === undefined ? undefined : peersKnown(res.body, cfg.channel));
    }
    if (peers.every((p) => known.get(p.name) === peers.length - 1)) return;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new NetworkError(
    'NOT_READY',
    `peers do not all know each other through gossip (${String(peers.length - 1)} others expected)`,
    peers.map((p) => `${p.name}: knows ${String(known.get(p.name) ?? 'unknown')}`),
  );
}
