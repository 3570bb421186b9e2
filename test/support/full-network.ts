/**
 * The whole system as `idcard up` starts it, for scenario suites: network,
 * gateway process (its files derived from the network) and the Bootstrap
 * transaction, on free ports in a temporary data dir. On failure everything
 * started is stopped before the error is rethrown.
 */
import { readFileSync } from 'node:fs';
import { networkDown, type Consensus, type ResolvedConfig, type UpResult } from '@idcard/network';
import type { GatewayStage } from '../../scripts/src/gateway-stage';
import { startSystem } from '../../scripts/src/system-up';
import { apiClient, type ApiClient } from './api-client';
import { testNetworkConfig, type ConfigEdit } from './test-network';

/** A running system. */
export interface FullNetwork {
  readonly cfg: ResolvedConfig;
  readonly up: UpResult;
  readonly stage: GatewayStage;
  /** API keys issued by the first up, by configured client name (officer1, operator1, auditor1, unit-lib-0001). */
  readonly keys: Readonly<Record<string, string>>;
  readonly api: ApiClient;
}

/**
 * Starts network, gateway and Bootstrap; `onConfig` receives the config
 * first, so an afterAll can stop whatever started even when this throws.
 * @throws whatever a stage throws (after stopping everything)
 */
export async function startFullNetwork(
  name: string,
  onConfig: (cfg: ResolvedConfig) => void,
  consensus: Consensus = 'raft',
  edit?: ConfigEdit,
): Promise<FullNetwork> {
  const cfg = await testNetworkConfig(name, consensus, edit);
  onConfig(cfg);
  try {
    const {
      up,
      gateway: stage,
      bootstrapped,
    } = await startSystem(cfg, () => undefined, {
      gatewayMs: 120_000,
      bootstrapMs: 300_000,
    });
    if (!bootstrapped) throw new Error('no operator key in the initial API keys: Bootstrap did not run');
    const keys = JSON.parse(readFileSync(stage.apiKeysFile, 'utf8')) as Record<string, string>;
    return { cfg, up, stage, keys, api: apiClient(stage.url) };
  } catch (err) {
    await networkDown(cfg);
    throw err;
  }
}
