/**
 * Go CPU profiles of the peers and orderers (`idcard bench --profile`):
 * each node's pprof endpoint (enabled by the config's profile dir, see
 * node-config.ts) is asked for a CPU profile over a workload's run, saved as
 * `<profileDir>/<node>.<workload>.pprof` for `go tool pprof`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ordererNodes, peerNodes, type ResolvedConfig } from '@idcard/network';

/**
 * Starts collecting `seconds` of CPU profile from every peer and orderer;
 * resolves with the files written (a node that does not answer is skipped
 * with a line in `progress`). Nothing when the config has no profile dir.
 */
export async function collectGoProfiles(
  cfg: ResolvedConfig,
  workload: string,
  seconds: number,
  progress: (line: string) => void,
): Promise<string[]> {
  const dir = cfg.profileDir;
  if (dir === undefined) return [];
  mkdirSync(dir, { recursive: true });
  const nodes = [...ordererNodes(cfg), ...peerNodes(cfg)];
  const written = await Promise.all(
    nodes.map(async (node) => {
      if (node.profilePort === undefined) return undefined;
      const url = `http://${node.host}:${String(node.profilePort)}/debug/pprof/profile?seconds=${String(Math.round(seconds))}`;
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout((seconds + 30) * 1000) });
        if (!res.ok) throw new Error(`HTTP ${String(res.status)}`);
        const file = join(dir, `${node.name}.${workload}.pprof`);
        writeFileSync(file, Buffer.from(await res.arrayBuffer()));
        return file;
      } catch (err) {
        progress(`  no Go profile from ${node.name}: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
    }),
  );
  return written.filter((f): f is string => f !== undefined);
}
