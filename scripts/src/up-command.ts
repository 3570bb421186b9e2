/** `idcard up`: brings the network and the gateways up; in the foreground until Ctrl-C, or detached. */
import type { ResolvedConfig } from '@idcard/network';
import { gatewayPlaces, quickstartFor, startSystem, stopSystem, type GatewayStage } from '@idcard/system';
import { configFrom, type NetworkOptions } from './network-options';

/** The lines around the printed quickstart (a test cuts the sequence out between them). */
export const QUICKSTART_BEGIN = '---- try it: issue a card, verify, report it lost, verify again';
export const QUICKSTART_END = '---- end of the sequence';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Which gateway each caller uses (its organisation's), and a sequence that works as printed (first run). */
function announce(cfg: ResolvedConfig, gateways: readonly GatewayStage[]): void {
  for (const gw of gatewayPlaces(cfg, gateways)) {
    const callers = gw.callers.map(({ name, role }) => `${name} (${role})`);
    log(`gateway.${gw.org} — API: ${gw.api}   docs: ${gw.docs}   OpenAPI: ${gw.openApi}`);
    log(`  console (browser; sign in with one of its callers' keys): ${gw.console}`);
    log(`  its callers: ${callers.length > 0 ? callers.join(', ') : 'none configured'}`);
    log(`  API keys issued by the first up: ${gw.apiKeysFile} (mode 600)`);
  }
  const lines = quickstartFor(cfg, gateways);
  if (lines === undefined) return;
  log(`${QUICKSTART_BEGIN} (paste into bash)`);
  for (const line of lines) log(`  ${line}`);
  log(QUICKSTART_END);
}

/**
 * Resolves on SIGINT or SIGTERM. Signal listeners alone do not keep Node's
 * event loop alive (the foreground `up` used to exit at once and leave
 * everything running), so a timer holds it until the signal.
 */
export function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveStop) => {
    const hold = setInterval(() => undefined, 60_000);
    const stop = (signal: NodeJS.Signals): void => {
      clearInterval(hold);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
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
      await stopSystem(cfg);
    }
    throw err;
  }
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const line of system.up.summary) log(line);
  announce(cfg, system.gateways);
  if (opts.detach === true) {
    log(`running in the background; stop with: npx idcard down --data-dir ${cfg.dataDir}`);
    return;
  }
  log('press Ctrl-C to stop');
  await untilStopSignal();
  log('stopping ...');
  const down = await stopSystem(cfg);
  log(`stopped ${down.stopped.length} process(es); data kept in ${cfg.dataDir}`);
}
