/**
 * Test harness: a network config on free ports in a temporary data dir under
 * the test run's folder (IDCARD_TEST_RUN_DIR, set by the test runner, whose
 * clean-up stops anything left running there).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkNetworkConfig,
  defaultConfigPath,
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

/** Changes a suite makes to the shipped network config (the raw JSON, checked after). */
export type ConfigEdit = (raw: Record<string, unknown>) => void;

/** A fresh config on free ports with its own data dir; `edit` changes the shipped config first. */
export async function testNetworkConfig(
  name: string,
  consensus: Consensus = 'raft',
  edit?: ConfigEdit,
): Promise<ResolvedConfig> {
  const parent = process.env.IDCARD_TEST_RUN_DIR ?? tmpdir();
  const dataDir = mkdtempSync(join(parent, `${name}-`));
  if (edit === undefined) return withFreeBasePort(loadNetworkConfig(undefined, { dataDir, consensus }));
  const raw = JSON.parse(readFileSync(defaultConfigPath(), 'utf8')) as Record<string, unknown>;
  edit(raw);
  return withFreeBasePort(checkNetworkConfig(raw, { dataDir, consensus }));
}

/** The shipped config's organisation named `name`, to edit. @throws Error when there is none */
export function rawOrganisation(raw: Record<string, unknown>, name: string): Record<string, unknown> {
  const orgs = raw.organisations as Record<string, unknown>[];
  const org = orgs.find((o) => o.name === name);
  if (org === undefined) throw new Error(`no organisation ${name} in the shipped config`);
  return org;
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
