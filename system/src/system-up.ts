/**
 * The whole system as `idcard up` starts it: the network (CAs, identities,
 * orderers, peers, channel, chaincode), then one gateway per peer
 * organisation, then the Bootstrap transaction and the configured relying
 * units' registry entries, as the configured operator through its
 * organisation's gateway (once: on a later `up` the operator's initial key
 * may be gone, and both are done).
 */
import {
  networkDown,
  networkUp,
  type DownResult,
  type Progress,
  type ResolvedConfig,
  type UpResult,
} from '@idcard/network';
import {
  bootstrapLedger,
  initialApiKey,
  registerConfiguredUnits,
  startGatewayStage,
  type ConfiguredUnit,
  type GatewayStage,
} from './gateway-stage';
import { enrollGatewayTls } from './gateway-tls';
import { clientWithRole, configuredClients } from './network-clients';

/** A started system. */
export interface RunningSystem {
  readonly up: UpResult;
  /** One gateway per peer organisation, in config order. */
  readonly gateways: readonly GatewayStage[];
  /** False when no operator key was at hand (the initial keys file is gone: Bootstrap ran on the first up). */
  readonly bootstrapped: boolean;
}

/** Deadlines of the stages after the network (defaults: the stages' own). */
export interface SystemTimeouts {
  /** Until the gateway answers /healthz. */
  readonly gatewayMs?: number;
  /** Until the ledger is ready and Bootstrap has committed. */
  readonly bootstrapMs?: number;
}

/** The relying units of the config that carry a registry entry for the ledger. */
export function configuredUnits(cfg: ResolvedConfig): ConfiguredUnit[] {
  return configuredClients(cfg).flatMap(({ client }) =>
    client.unit === undefined || client.registration === undefined
      ? []
      : [{ unitId: client.unit, ...client.registration }],
  );
}

/**
 * Starts everything; what is started stays up when this throws (the caller stops it).
 * @throws whatever a stage throws
 */
export async function startSystem(
  cfg: ResolvedConfig,
  progress: Progress,
  timeouts: SystemTimeouts = {},
): Promise<RunningSystem> {
  const up = await networkUp(cfg, progress);
  await enrollGatewayTls(cfg, up.programs, progress);
  const gateways = await startGatewayStage(cfg, up.programs, up.identities, progress, timeouts.gatewayMs);
  const operator = clientWithRole(cfg, 'operator');
  const gateway = gateways.find((g) => g.org === operator?.org.name);
  const key =
    operator === undefined || gateway === undefined
      ? undefined
      : initialApiKey(gateway, operator.client.name);
  if (key === undefined || gateway === undefined) {
    progress('ledger bootstrap skipped: no operator key in the initial keys file (it ran on the first up)');
    return { up, gateways, bootstrapped: false };
  }
  const res = await bootstrapLedger(gateway, key, timeouts.bootstrapMs);
  progress(`ledger bootstrap: ${res.created ? 'guard keys created' : 'already done'} (tx ${res.txId})`);
  for (const u of await registerConfiguredUnits(gateway, key, configuredUnits(cfg), timeouts.bootstrapMs)) {
    progress(`relying unit ${u.unitId}: ${u.registered ? 'registered on the ledger' : 'already registered'}`);
  }
  return { up, gateways, bootstrapped: true };
}

/**
 * Stops every process started for the data dir, gateways and bench
 * processes included (all are supervised there); with `purge` also removes
 * the data dir.
 * @throws Error from the file system when `purge` cannot remove the data dir
 */
export function stopSystem(cfg: ResolvedConfig, options: { purge?: boolean } = {}): Promise<DownResult> {
  return networkDown(cfg, options);
}
