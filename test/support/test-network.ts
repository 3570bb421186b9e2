/**
 * Test harness: a network config on free ports in a temporary data dir under
 * the test run's folder (IDCARD_TEST_RUN_DIR, set by the test runner, whose
 * clean-up stops anything left running there).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNetworkConfig, withFreeBasePort, type Consensus, type ResolvedConfig } from '@idcard/network';

/** A fresh config on free ports with its own data dir. */
export async function testNetworkConfig(
  name: string,
  consensus: Consensus = 'raft',
): Promise<ResolvedConfig> {
  const parent = process.env.IDCARD_TEST_RUN_DIR ?? tmpdir();
  const dataDir = mkdtempSync(join(parent, `${name}-`));
  return withFreeBasePort(loadNetworkConfig(undefined, { dataDir, consensus }));
}
