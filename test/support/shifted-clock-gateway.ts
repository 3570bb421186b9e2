/**
 * Variant gateway processes (one per organisation, privacy-gateway.ts) over
 * the same network, callers and pseudonym key whose clock runs `shiftMs` ahead: the way to see, today, what a relying
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
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPaths, type ResolvedConfig } from '@idcard/network';
import type { ApiClient, KeyRoutes } from './api-client';
import { startVariantGateways } from './privacy-gateway';

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

/**
 * Starts the shifted gateways `gateway-<name>-<org>` (so `networkDown` stops
 * them; their logs are read by the privacy scan) and waits until they answer
 * `waitUntil` (/readyz: the peers answer it; /healthz: the process runs,
 * whatever the peers say).
 * @throws NetworkError NOT_READY when it does not answer in time
 */
export async function startShiftedClockGateway(
  cfg: ResolvedConfig,
  routes: KeyRoutes,
  name: string,
  shiftMs: number,
  waitUntil: '/readyz' | '/healthz' = '/readyz',
): Promise<ApiClient> {
  const preload = join(dataPaths(cfg).run, `gateway-${name}-clock.cjs`);
  writeFileSync(preload, PRELOAD);
  const started = await startVariantGateways(cfg, routes, name, () => undefined, {
    env: { NODE_OPTIONS: `--require ${preload}`, IDCARD_TEST_CLOCK_SHIFT_MS: String(shiftMs) },
    waitUntil,
  });
  return started.api;
}
