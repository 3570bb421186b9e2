/**
 * The Fabric part of `up`: genesis block, orderers, channel joins, peers,
 * chaincode deployment and the chaincode server. Each step is idempotent
 * (existing genesis block kept, joins and deploys skipped when done, running
 * processes left alone), so `up` on an existing data dir restarts what is
 * down on its existing ledgers.

 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageCcaas } from './ccaas-package';
import { deployChaincode } from './chaincode-lifecycle';
import { waitChaincodeAnswering } from './chaincode-readiness';
import { chaincodeServerSpec } from './chaincode-server';
import { joinOrderers, joinPeers, peerHeight } from './channel';
import type { ResolvedConfig } from './config';
import { createGenesisBlock } from './configtx';
import type { FabricPrograms, Progress } from './fabric-programs';
import { prepareFabricConfigDir } from './fabric-sample-config';
import { probe, waitFor } from './health';
import { waitForRaftLeader } from './raft-leader';
import type { IssuedIdentities } from './identities';
import { nodeTlsFiles, ordererProcessSpec, orgTlsCaFile, peerProcessSpec } from './node-config';
import { isAlive, readPidFile, startProcess, type ProcessSpec } from './supervisor';
import { chaincodeNode, chaincodeNodes, ordererNodes, peerNodes, type NodeSpec } from './topology';

function ensureStarted(spec: ProcessSpec, progress: Progress): void {
  const rec = readPidFile(spec.pidFile);
  if (rec && isAlive(rec)) return;
  const started = startProcess(spec);
  progress(`started ${spec.name} (pid ${started.pid})`);
}

async function waitHealthy(nodes: readonly NodeSpec[]): Promise<void> {
  await Promise.all(
    nodes.map((n) =>
      waitFor(
        n.name,
        async () => (await probe(`http://${n.host}:${String(n.operationsPort)}/healthz`)).healthy,
        120_000,
      ),
    ),
  );
}

/** A version derived from the built chaincode, so a changed build upgrades (sequence + 1) and an unchanged one deploys nothing. */
export function chaincodeBuildVersion(cfg: ResolvedConfig): string {
  const dist = join(cfg.projectRoot, 'chaincode', 'dist');
  const h = createHash('sha256');
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (name.endsWith('.js')) h.update(name).update(readFileSync(p));
    }
  };
  visit(dist);
  return h.digest('hex').slice(0, 12);
}

/**
 * Starts (unless running) a chaincode server per node of `servers` for
 * package `pkgId`: each with its organisation's chaincode-server TLS pair,
 * accepting only client certificates of its organisation's TLS CA.
 */
export function startChaincodeServers(
  cfg: ResolvedConfig,
  pkgId: string,
  servers: readonly NodeSpec[],
  progress: Progress,
  moduleDir?: string,
): void {
  for (const server of servers) {
    const tls = nodeTlsFiles(chaincodeNode(cfg, server.org));
    ensureStarted(
      chaincodeServerSpec(
        cfg,
        pkgId,
        { certFile: tls.cert, keyFile: tls.key, clientCaFile: orgTlsCaFile(cfg, server.org) },
        server,
        moduleDir,
      ),
      progress,
    );
  }
}

/** Starts orderers and peers, joins the channel, deploys the chaincode and starts its server. */
export async function startFabric(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  ids: IssuedIdentities,
  progress: Progress,
): Promise<{ packageId: string; sequence: number; version: string }> {
  const fabricCfgDir = await prepareFabricConfigDir(cfg, programs.configDir);
  const block = await createGenesisBlock(cfg, programs, ids);
  const orderers = ordererNodes(cfg);
  for (const n of orderers) ensureStarted(ordererProcessSpec(cfg, programs, n, fabricCfgDir), progress);
  await waitHealthy(orderers);
  await joinOrderers(cfg, programs, ids, block);
  // No submit can be ordered before Raft has elected a leader (after a restart this takes seconds).
  if (cfg.consensus === 'raft') {
    const leader = await waitForRaftLeader(cfg, [], 120_000);
    progress(`${orderers.length} orderers on channel ${cfg.channel}; Raft leader ${leader.name}`);
  } else {
    progress(`${orderers.length} orderers on channel ${cfg.channel}`);
  }
  const peers = peerNodes(cfg);
  for (const n of peers) ensureStarted(peerProcessSpec(cfg, programs, n, fabricCfgDir), progress);
  await waitHealthy(peers);
  await joinPeers(cfg, programs, ids, block, fabricCfgDir);
  // A peer answers for the channel a moment after the join returns; lifecycle queries need it to.
  await Promise.all(
    peers.map((n) =>
      waitFor(
        `${n.name} on ${cfg.channel}`,
        async () => (await peerHeight(cfg, programs, ids, n, fabricCfgDir)) !== null,
        60_000,
      ),
    ),
  );
  progress(`${peers.length} peers on channel ${cfg.channel}`);
  const version = chaincodeBuildVersion(cfg);
  const label = `${cfg.chaincode.name}_${version}`;
  const packageFile = await packageCcaas(cfg, label);
  const deployed = await deployChaincode(cfg, programs, ids, fabricCfgDir, { version, label, packageFile });
  // One chaincode server per organisation, for its own peers only: TLS from the
  // organisation's CA, and client certificates checked against that CA (mutual TLS).
  startChaincodeServers(cfg, deployed.packageId, chaincodeNodes(cfg), progress);
  progress(
    `chaincode ${cfg.chaincode.name} version ${deployed.version}, sequence ${String(deployed.sequence)}`,
  );
  // No submit before every peer has connected to the chaincode server (see chaincode-readiness.ts).
  await waitChaincodeAnswering(cfg, programs, ids, fabricCfgDir, { progress });
  return deployed;
}
