/** What `idcard status` reports: every node's pid, health and (later) block height. */
import { connect } from 'node:net';
import { join } from 'node:path';
import type { ResolvedConfig } from './config';
import { probe } from './health';
import { isAlive, readPidFile, residentBytes } from './supervisor';
import { allNodes, dataPaths, type NodeKind, type NodeSpec } from './topology';

/** One row of the status report. */
export interface NodeStatus {
  readonly name: string;
  readonly kind: NodeKind;
  readonly pid: number | null;
  readonly healthy: boolean;
  readonly rssBytes?: number;
  readonly blockHeight?: number | null;
}

/** Reads a block height of a peer or orderer (supplied by the channel module). */
export type HeightReader = (node: NodeSpec) => Promise<number | null>;

function tcpOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const sock = connect({ host, port, timeout: 1000 }, () => {
      sock.destroy();
      resolveOpen(true);
    });
    sock.on('error', () => {
      resolveOpen(false);
    });
    sock.on('timeout', () => {
      sock.destroy();
      resolveOpen(false);
    });
  });
}

async function healthOf(node: NodeSpec): Promise<boolean> {
  switch (node.kind) {
    case 'ca':
    case 'orderer':
    case 'peer':
      return (await probe(`http://${node.host}:${String(node.operationsPort)}/healthz`)).healthy;
    case 'gateway':
      return (await probe(`http://${node.host}:${String(node.port)}/healthz`)).healthy;
    case 'chaincode':
      return tcpOpen(node.host, node.port);
  }
}

/** Pid file of a node. */
export function pidFileOf(cfg: ResolvedConfig, node: Pick<NodeSpec, 'name'>): string {
  return join(dataPaths(cfg).run, `${node.name}.pid`);
}

/** Status of every node of the config; `height` adds block heights for peers and orderers. */
export async function networkStatus(cfg: ResolvedConfig, height?: HeightReader): Promise<NodeStatus[]> {
  return Promise.all(
    allNodes(cfg).map(async (node): Promise<NodeStatus> => {
      const rec = readPidFile(pidFileOf(cfg, node));
      const alive = rec !== undefined && isAlive(rec);
      const rss = alive ? residentBytes(rec.pid) : undefined;
      const row: NodeStatus = {
        name: node.name,
        kind: node.kind,
        pid: alive ? rec.pid : null,
        healthy: alive && (await healthOf(node)),
        ...(rss === undefined ? {} : { rssBytes: rss }),
      };
      if (node.kind !== 'peer' && node.kind !== 'orderer') return row;
      return { ...row, blockHeight: alive && height ? await height(node) : null };
    }),
  );
}
