/** `idcard up`: brings the network up; in the foreground until Ctrl-C, or detached. */
import { networkDown, networkUp } from '@idcard/network';
import { configFrom, type NetworkOptions } from './network-options';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Starts everything; without --detach waits for SIGINT/SIGTERM and then stops it all. */
export async function upCommand(opts: NetworkOptions & { detach?: boolean }): Promise<void> {
  const cfg = configFrom(opts);
  const t0 = Date.now();
  let result;
  try {
    result = await networkUp(cfg, log);
  } catch (err) {
    if (opts.detach !== true) {
      log('stopping what was started ...');
      await networkDown(cfg);
    }
    throw err;
  }
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const line of result.summary) log(line);
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
