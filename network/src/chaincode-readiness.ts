/**
 * Waits until every peer answers a chaincode query. Right after the
 * chaincode is committed or its server (re)started, each peer connects to
 * the chaincode server only when it first runs the chaincode; until every
 * endorsing peer has, a submit fails with "failed to collect enough
 * transaction endorsements". So `up` and the test harness wait for this
 * before the first submit.
 */
import type { ResolvedConfig } from './config';
import { NetworkError } from './errors';
import type { FabricPrograms } from './fabric-programs';
import type { IssuedIdentities } from './identities';
import { adminPeerEnv } from './node-config';
import { runCommand } from './run-command';
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
}
