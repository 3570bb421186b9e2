/** Tear-down of a suite's network: close its ledger clients, then stop every process, even when the clients fail. */
import { networkDown, type ResolvedConfig } from '@idcard/network';

/** Closes the clients (absent or failing when beforeAll stopped early) and brings the network down. */
export async function closeAndStop(
  cfg: ResolvedConfig,
  clients: { closeAll(): void } | undefined,
): Promise<void> {
  try {
    clients?.closeAll();
  } finally {
    await networkDown(cfg);
  }
}
