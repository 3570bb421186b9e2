/**
 * A second gateway process over the same network, callers and pseudonym key
 * whose clock runs `shiftMs` ahead: the way to see, today, what a relying
 * unit gets on a later day (a card past its validity). The clock is moved by
 * a preload script that replaces `Date` in that process only; the proposal
 * timestamp fabric-gateway signs comes from it, and the chaincode's time is
 * that timestamp (`getTxTimestamp`). Fabric 3.1 peers refuse a proposal
 * whose timestamp is further from their clock than
 * `peer.authentication.timewindow` (15 minutes by default: "request
 * unauthorized due to incorrect timestamp"), so this gateway is answered only
 * by a network configured with a wider window (`peerAuthenticationTimeWindow`);
 * on the shipped config it shows that a client cannot move the chaincode's
 * clock.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { dataPaths, probe, startProcess, waitFor, type ResolvedConfig } from '@idcard/network';
import { gatewayFiles } from '../../scripts/src/gateway-files';
import { apiClient, type ApiClient } from './api-client';

/** Replaces Date with one `IDCARD_TEST_CLOCK_SHIFT_MS` ahead (only in the process that preloads it). */
const PRELOAD = `'use strict';
const shift = Number(process.env.IDCARD_TEST_CLOCK_SHIFT_MS || '0');
const RealDate = Date;
class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + shift);
    else super(...args);
  }
  static now() {
    return RealDate.now() + shift;
  }
}
globalThis.Date = ShiftedDate;
`;

function freePort(host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolvePort(port);
      });
    });
  });
}

/**
 * Starts the shifted gateway (pid file in the data dir's run folder, so
 * `networkDown` stops it; log in the logs folder, so the privacy scan reads it)
 * and waits until it answers `waitFor` (/readyz: the peers answer it; /healthz:
 * the process runs, whatever the peers say).
 * @throws NetworkError NOT_READY when it does not answer in time
 */
export async function startShiftedClockGateway(
  cfg: ResolvedConfig,
  name: string,
  shiftMs: number,
  waitUntil: '/readyz' | '/healthz' = '/readyz',
): Promise<ApiClient> {
  const files = gatewayFiles(cfg);
  const paths = dataPaths(cfg);
  const config = JSON.parse(readFileSync(files.configFile, 'utf8')) as {
    http: { host: string; port: number };
  };
  config.http.port = await freePort(config.http.host);
  const configFile = join(files.dir, `${name}.config.json`);
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  const preload = join(files.dir, `${name}-clock.cjs`);
  writeFileSync(preload, PRELOAD);
  startProcess({
    name,
    program: process.execPath,
    args: [join(cfg.projectRoot, 'gateway', 'dist', 'main.js'), configFile],
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      NODE_OPTIONS: `--require ${preload}`,
      IDCARD_TEST_CLOCK_SHIFT_MS: String(shiftMs),
    },
    cwd: files.dir,
    logFile: join(paths.logs, `${name}.log`),
    // Named gateway-*, so networkDown stops it with the gateway, first.
    pidFile: join(paths.run, `${name}.pid`),
  });
  const url = `http://${config.http.host}:${String(config.http.port)}`;
  await waitFor(name, async () => (await probe(`${url}${waitUntil}`)).healthy, 120_000);
  return apiClient(url);
}
