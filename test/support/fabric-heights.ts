/**
 * Channel block heights of a running network, read as `idcard status` reads
 * them (network/src/status-readers.ts), passed to `networkStatus`.
 */
import {
  diskStatusReaders,
  networkStatus,
  waitFor,
  type HeightReader,
  type ResolvedConfig,
} from '@idcard/network';

/**
 * The height reader `idcard status` uses (built programs and admin identities on disk).
 * @throws Error when the network has not been brought up in this data dir
 */
export function heightReader(cfg: ResolvedConfig): HeightReader {
  const readers = diskStatusReaders(cfg);
  if (readers === undefined) throw new Error(`no Fabric programs or admin identities for ${cfg.dataDir}`);
  return readers.height;
}

/** Height of every node of one kind, by node name (null: down or unknown). */
export async function heightsOf(
  cfg: ResolvedConfig,
  read: HeightReader,
  kind: 'peer' | 'orderer',
): Promise<Map<string, number | null>> {
  const rows = await networkStatus(cfg, read);
  return new Map(rows.filter((r) => r.kind === kind).map((r) => [r.name, r.blockHeight ?? null]));
}

/**
 * Waits until every peer reports the same height, at least `atLeast`
 * (a transaction in block b means height b + 1), and returns the heights.
 * @throws NetworkError NOT_READY naming the last heights seen
 */
export async function waitForPeersLevel(
  cfg: ResolvedConfig,
  read: HeightReader,
  atLeast: number,
  timeoutMs = 120_000,
): Promise<Map<string, number>> {
  let last = new Map<string, number | null>();
  const level = (): boolean => {
    const values = [...last.values()];
    return values.every((h) => h !== null && h >= atLeast) && new Set(values).size === 1;
  };
  try {
    await waitFor(
      `every peer at one height >= ${atLeast}`,
      async () => {
        last = await heightsOf(cfg, read, 'peer');
        return level();
      },
      timeoutMs,
    );
  } catch (err) {
    throw new Error(`peers not level: ${JSON.stringify(Object.fromEntries(last))}`, { cause: err });
  }
  return new Map([...last].map(([name, h]) => [name, h ?? 0]));
}

/**
 * Waits until every peer has every block some peer already has: after a
 * commit status came back from one peer, the others hold that block too.
 * @throws as waitForPeersLevel
 */
export async function settlePeers(
  cfg: ResolvedConfig,
  read: HeightReader,
  timeoutMs = 120_000,
): Promise<Map<string, number>> {
  const now = [...(await heightsOf(cfg, read, 'peer')).values()].map((h) => h ?? 0);
  return waitForPeersLevel(cfg, read, Math.max(...now), timeoutMs);
}
