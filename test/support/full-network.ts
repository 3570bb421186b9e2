/**
 * The whole system as `idcard up` starts it, for scenario suites: network,
 * one gateway process per peer organisation (their files derived from the
 * network) and the Bootstrap transaction, on free ports in a temporary data
 * dir. Each caller's calls go to its organisation's gateway. On failure
 * everything started is stopped before the error is rethrown.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  gatewayNode,
  networkDown,
  peerOrgs,
  type Consensus,
  type ResolvedConfig,
  type UpResult,
} from '@idcard/network';
import {
  clientWithRole,
  gatewayFiles,
  gatewayUrl,
  startSystem,
  UNIT_ADMIN_CALLER,
  type GatewayStage,
} from '@idcard/system';
import type { Unit } from '@idcard/common';
import { apiClient, expectStatus, KeyRoutes, type ApiClient, type CommittedAnswer } from './api-client';
import { testNetworkConfig, type ConfigEdit } from './test-network';

/** A running system. */
export interface FullNetwork {
  readonly cfg: ResolvedConfig;
  readonly up: UpResult;
  /** One gateway per peer organisation. */
  readonly gateways: readonly GatewayStage[];
  /**
   * API keys issued by the first up, by caller name (officer1, auditor1, operator1, unit-lib-0001,
   * and the relying parties' unit-admin), each at its organisation's gateway.
   */
  readonly keys: Readonly<Record<string, string>>;
  /** Which gateway each key goes to (variants reuse it). */
  readonly routes: KeyRoutes;
  /** Calls each key's gateway. */
  readonly api: ApiClient;
  /** The gateway a configured caller uses. @throws Error for an unknown caller */
  gatewayOf(caller: string): GatewayStage;
}

/**
 * Every gateway's initial API keys with routes to their gateways (a data
 * dir's first up wrote them); the fallback for unknown keys is the
 * operator's gateway.
 */
export function initialKeyRoutes(cfg: ResolvedConfig): {
  keys: Record<string, string>;
  routes: KeyRoutes;
  orgOfCaller: Map<string, string>;
} {
  const urls: Record<string, string> = {};
  const keys: Record<string, string> = {};
  const orgOfCaller = new Map<string, string>();
  for (const org of peerOrgs(cfg)) {
    urls[org.name] = gatewayUrl(gatewayNode(cfg, org.name));
    const file = gatewayFiles(cfg, org.name).apiKeysFile;
    if (!existsSync(file)) continue;
    for (const [name, key] of Object.entries(
      JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>,
    )) {
      keys[name] = key;
      orgOfCaller.set(name, org.name);
    }
  }
  const fallback = clientWithRole(cfg, 'operator')?.org.name ?? peerOrgs(cfg)[0]?.name ?? '';
  const routes = KeyRoutes.of(urls, fallback);
  for (const [name, key] of Object.entries(keys)) routes.add(key, orgOfCaller.get(name) ?? fallback);
  return { keys, routes, orgOfCaller };
}

/** The name of the relying parties' unit admin in `keys`. */
export const UNIT_ADMIN = UNIT_ADMIN_CALLER;

/**
 * Starts network, gateways and Bootstrap; `onConfig` receives the config
 * first, so an afterAll can stop whatever started even when this throws.
 * @throws whatever a stage throws (after stopping everything)
 */
export async function startFullNetwork(
  name: string,
  onConfig: (cfg: ResolvedConfig) => void,
  consensus: Consensus = 'raft',
  edit?: ConfigEdit,
): Promise<FullNetwork> {
  const cfg = await testNetworkConfig(name, consensus, edit);
  onConfig(cfg);
  try {
    const { up, gateways, bootstrapped } = await startSystem(cfg, () => undefined, {
      gatewayMs: 120_000,
      bootstrapMs: 300_000,
    });
    if (!bootstrapped) throw new Error('no operator key in the initial API keys: Bootstrap did not run');
    const { keys, routes, orgOfCaller } = initialKeyRoutes(cfg);
    const gatewayOf = (caller: string): GatewayStage => {
      const stage = gateways.find((g) => g.org === orgOfCaller.get(caller));
      if (stage === undefined) throw new Error(`no gateway for caller ${caller}`);
      return stage;
    };
    return { cfg, up, gateways, keys, routes, api: apiClient(routes), gatewayOf };
  } catch (err) {
    await networkDown(cfg);
    throw err;
  }
}

/** A relying unit's ledger entry as the operator registers it. */
export interface UnitEntry {
  readonly unitId: string;
  readonly category: string;
  readonly displayName: string;
  readonly allowedPurposes: readonly string[];
}

/**
 * Onboards a relying unit the way the organisations split it: the operator
 * registers its ledger entry at the big-data bureau's gateway, then the
 * relying parties' unit admin enrols its identity at their own CA and issues
 * its API key at their gateway (201 expected from both).
 * @throws Error when either call is refused
 */
export async function onboardUnit(
  api: ApiClient,
  keys: { readonly operator: string; readonly unitAdmin: string },
  unit: UnitEntry,
): Promise<{ committed: CommittedAnswer<Unit>; apiKey: string }> {
  const committed = expectStatus(
    await api.post<CommittedAnswer<Unit>>('/v1/admin/units', keys.operator, unit),
    201,
  );
  const issued = expectStatus(
    await api.post<{ apiKey: string }>(`/v1/units/${unit.unitId}/api-keys`, keys.unitAdmin),
    201,
  );
  return { committed, apiKey: issued.apiKey };
}
