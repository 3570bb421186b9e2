/** Starts the organisations' CAs (those not already running) and waits until all answer. */
import type { ResolvedConfig } from './config';
import { caProcessSpec, waitForCa } from './fabric-ca';
import type { FabricPrograms, Progress } from './fabric-programs';
import { isAlive, readPidFile, startProcess } from './supervisor';

/**
 * Starts every organisation's CA that is not running yet, then waits for all.
 * @throws NetworkError NOT_READY when a CA does not answer in time.
 */
export async function startCas(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  progress: Progress,
): Promise<void> {
  for (const org of cfg.organisations) {
    const spec = caProcessSpec(cfg, programs, org.name);
    const rec = readPidFile(spec.pidFile);
    if (rec && isAlive(rec)) continue;
    const started = startProcess(spec);
    progress(`started ${spec.name} (pid ${started.pid})`);
  }
  await Promise.all(cfg.organisations.map((org) => waitForCa(cfg, org.name)));
  progress(`${cfg.organisations.length} CAs ready`);
}
