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
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedConfig } from '@idcard/network';
import { gatewayFiles } from '../../scripts/src/gateway-files';
import type { ApiClient } from './api-client';
import { startVariantGateway } from './privacy-gateway';

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
 * Starts the shifted gateway `name` (a `gateway-*` name, so `networkDown`
 * stops it; its log is read by the privacy scan) and waits until it answers
 * `waitUntil` (/readyz: the peers answer it; /healthz: the process runs,
 * whatever the peers say).
 * @throws NetworkError NOT_READY when it does not answer in time
 */
export async function startShiftedClockGateway(
  cfg: ResolvedConfig,
  name: string,
  shiftMs: number,
  waitUntil: '/readyz' | '/healthz' = '/readyz',
): Promise<ApiClient> {
  const preload = join(gatewayFiles(cfg).dir, `${name}-clock.cjs`);
  writeFileSync(preload, PRELOAD);
  const started = await startVariantGateway(cfg, name.replace(/^gateway-/, ''), () => undefined, {
    env: { NODE_OPTIONS: `--require ${preload}`, IDCARD_TEST_CLOCK_SHIFT_MS: String(shiftMs) },
    waitUntil,
  });
  return started.api;
}
