/** `idcard up`: brings the network and the gateway up; in the foreground until Ctrl-C, or detached. */
import { networkDown, networkUp, peerOrgs, type ResolvedConfig } from '@idcard/network';
import { bootstrapLedger, initialApiKey, startGatewayStage, type GatewayStage } from './gateway-stage';
import { configFrom, type NetworkOptions } from './network-options';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function firstClient(cfg: ResolvedConfig, role: string): { name: string; unit?: string } | undefined {
  return peerOrgs(cfg)
    .flatMap((o) => o.clients)
    .find((c) => c.role === role);
}

/** Where the API is, and a request that works as printed. */
function announce(cfg: ResolvedConfig, gw: GatewayStage): void {
  log(`API: ${gw.url}/v1   docs: ${gw.url}/docs   OpenAPI: ${gw.url}/openapi.json`);
  log(`API keys issued by the first up: ${gw.apiKeysFile} (mode 600)`);
  const unit = firstClient(cfg, 'verifier');
  if (unit?.unit === undefined) return;
  log('try:');
  log(`  KEY=$(node -p "require('${gw.apiKeysFile}')['${unit.name}']")`);
  log(`  curl -s -H "Authorization: Bearer $KEY" ${gw.url}/v1/units/${unit.unit}/accountability`);
}

async function bootstrap(cfg: ResolvedConfig, gw: GatewayStage): Promise<void> {
  const operator = firstClient(cfg, 'operator');
  const key = operator === undefined ? undefined : initialApiKey(gw, operator.name);
  if (key === undefined) {
    log('ledger bootstrap skipped: no operator key in the initial keys file (it ran on the first up)');
    return;
  }
  const res = await bootstrapLedger(gw, key);
  log(`ledger bootstrap: ${res.created ? 'guard keys created' : 'already done'} (tx ${res.txId})`);
}

/** Starts everything; without --detach waits for SIGINT/SIGTERM and then stops it all. */
export async function upCommand(opts: NetworkOptions & { detach?: boolean }): Promise<void> {
  const cfg = configFrom(opts);
  const t0 = Date.now();
  let result;
  let gw: GatewayStage;
  try {
    result = await networkUp(cfg, log);
    gw = await startGatewayStage(cfg, result.programs, result.identities, log);
    await bootstrap(cfg, gw);
  } catch (err) {
    if (opts.detach !== true) {
      log('stopping what was started ...');
      await networkDown(cfg);
    }
    throw err;
  }
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const line of result.summary) log(line);
  announce(cfg, gw);
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
