/** `idcard up`: brings the network and the gateway up; in the foreground until Ctrl-C, or detached. */
import { networkDown, type ResolvedConfig } from '@idcard/network';
import type { GatewayStage } from './gateway-stage';
import { clientWithRole } from './network-clients';
import { configFrom, type NetworkOptions } from './network-options';
import { startSystem } from './system-up';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Where the API is, and a request that works as printed. */
function announce(cfg: ResolvedConfig, gw: GatewayStage): void {
  log(`API: ${gw.url}/v1   docs: ${gw.url}/docs   OpenAPI: ${gw.url}/openapi.json`);
  log(`API keys issued by the first up: ${gw.apiKeysFile} (mode 600)`);
  const unit = clientWithRole(cfg, 'verifier')?.client;
  if (unit?.unit === undefined) return;
  log('try:');
  log(`  KEY=$(node -p "require('${gw.apiKeysFile}')['${unit.name}']")`);
  log(`  curl -s -H "Authorization: Bearer $KEY" ${gw.url}/v1/units/${unit.unit}/accountability`);
}

/** Starts everything; without --detach waits for SIGINT/SIGTERM and then stops it all. */
export async function upCommand(opts: NetworkOptions & { detach?: boolean }): Promise<void> {
  const cfg = configFrom(opts);
  const t0 = Date.now();
  let system;
  try {
    system = await startSystem(cfg, log);
  } catch (err) {
    if (opts.detach !== true) {
      log('stopping what was started ...');
      await networkDown(cfg);
    }
    throw err;
  }
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const line of system.up.summary) log(line);
  announce(cfg, system.gateway);
  if (opts.detach === true) {
    log(`running in the background; stop with: npx idcard down --data-dir ${cfg.dataDir}`);
    return;
  }
  log('press Ctrl-C to stop');
  await new Promise<void>((resolveStop) => {
    process.once('SIGINT', resolveStop);
    process.once('SIGTERM', resolveStop);
  });
  log('stopping ...');
  const down = await networkDown(cfg);
  log(`stopped ${down.stopped.length} process(es); data kept in ${cfg.dataDir}`);
}
