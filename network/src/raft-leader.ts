/**
 * Which Raft ordering node leads the channel, from each orderer's
 * Prometheus metrics: `consensus_etcdraft_is_leader{channel="<channel>"}` is
 * 1 on the leader (Fabric docs, "Configuring and operating a Raft ordering
 * service": "identifies which node in the cluster is currently leader. If no
 * nodes have this set, you have lost quorum").
 */
import type { ResolvedConfig } from './config';
import { probe, waitFor } from './health';
import { ordererNodes, type NodeSpec } from './topology';

const METRIC = 'consensus_etcdraft_is_leader';

/** The metric's value for `channel` in a Prometheus text exposition, or undefined. */
export function isLeaderValue(metrics: string, channel: string): number | undefined {
  for (const line of metrics.split('\n')) {
    if (!line.startsWith(`${METRIC}{`) || !line.includes(`channel="${channel}"`)) continue;
    const value = Number(line.trim().split(/\s+/).pop());
    if (Number.isFinite(value)) return value;
  }
  return undefined;
}

/** The current leader among the orderers not in `skip`, or undefined when none says so. */
export async function raftLeader(
  cfg: ResolvedConfig,
  skip: readonly string[] = [],
): Promise<NodeSpec | undefined> {
  for (const node of ordererNodes(cfg)) {
    if (skip.includes(node.name)) continue;
    const answer = await probe(`http://${node.host}:${String(node.operationsPort)}/metrics`);
    if (answer.healthy && isLeaderValue(answer.body ?? '', cfg.channel) === 1) return node;
  }
  return undefined;
}

/**
 * Waits for a leader among the orderers not in `skip`.
 * @throws NetworkError NOT_READY when none is elected in time
 */
export async function waitForRaftLeader(
  cfg: ResolvedConfig,
  skip: readonly string[] = [],
  timeoutMs = 60_000,
): Promise<NodeSpec> {
  let leader: NodeSpec | undefined;
  await waitFor(
    'a Raft leader',
    async () => {
      leader = await raftLeader(cfg, skip);
      return leader !== undefined;
    },
    timeoutMs,
  );
  if (leader === undefined) throw new Error('unreachable: waitFor returned without a leader');
  return leader;
}
