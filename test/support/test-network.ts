/**
 * Test harness: a network config on free ports in a temporary data dir under
 * the test run's folder (IDCARD_TEST_RUN_DIR, set by the test runner, whose
 * clean-up stops anything left running there).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensurePrograms,
  issueIdentities,
  loadNetworkConfig,
  startCas,
  withFreeBasePort,
  type Consensus,
  type FabricPrograms,
  type IssuedIdentities,
  type ResolvedConfig,
} from '@idcard/network';

/** A fresh config on free ports with its own data dir. */
export async function testNetworkConfig(
  name: string,
  consensus: Consensus = 'raft',
): Promise<ResolvedConfig> {
  const parent = process.env.IDCARD_TEST_RUN_DIR ?? tmpdir();
  const dataDir = mkdtempSync(join(parent, `${name}-`));
  return withFreeBasePort(loadNetworkConfig(undefined, { dataDir, consensus }));
}

/** A network of real Fabric CAs only (no peer or orderer): every organisation's CA running, every identity issued. */
export interface CaNetwork {
  readonly cfg: ResolvedConfig;
  readonly programs: FabricPrograms;
  readonly ids: IssuedIdentities;
}

/**
 * Starts the CAs of a fresh test network and issues its identities;
 * `onConfig` receives the config first, so an afterAll can stop the CAs
 * even when this throws.
 */
export async function startCaNetwork(
  name: string,
  onConfig: (cfg: ResolvedConfig) => void,
): Promise<CaNetwork> {
  const cfg = await testNetworkConfig(name);
  onConfig(cfg);
  const programs = await ensurePrograms(cfg, () => undefined, ['fabric-ca']);
  await startCas(cfg, programs, () => undefined);
  return { cfg, programs, ids: await issueIdentities(cfg, programs) };
}
