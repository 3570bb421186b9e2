/**
 * Where each running gateway is, as a user needs it: its API, interactive
 * docs, OpenAPI document and browser console, the callers that use it (its
 * organisation's) and the file of the API keys the first `up` issued.
 */
import { onboardsUnits, type ResolvedConfig } from '@idcard/network';
import { UNIT_ADMIN_CALLER } from './gateway-files';
import type { GatewayStage } from './gateway-stage';
import { configuredClients } from './network-clients';

/** A caller of a gateway: its id in the caller registry and its role. */
export interface GatewayCaller {
  readonly name: string;
  readonly role: string;
}

/** One gateway's addresses and callers. */
export interface GatewayPlace {
  readonly org: string;
  /** Base URL of the API, e.g. `http://127.0.0.1:17900`. */
  readonly url: string;
  readonly api: string;
  readonly docs: string;
  readonly openApi: string;
  readonly console: string;
  /** API keys issued by the data dir's first `up` (mode 600). */
  readonly apiKeysFile: string;
  readonly callers: readonly GatewayCaller[];
}

/** Each started gateway's place, in the order given. */
export function gatewayPlaces(cfg: ResolvedConfig, gateways: readonly GatewayStage[]): GatewayPlace[] {
  return gateways.map((gw) => {
    const own = configuredClients(cfg)
      .filter(({ org }) => org.name === gw.org)
      .map(({ client }) => client);
    const callers: GatewayCaller[] = own.map((client) => ({ name: client.name, role: client.role }));
    if (onboardsUnits({ clients: own })) callers.push({ name: UNIT_ADMIN_CALLER, role: 'unit-admin' });
    return {
      org: gw.org,
      url: gw.url,
      api: `${gw.url}/v1`,
      docs: `${gw.url}/docs`,
      openApi: `${gw.url}/openapi.json`,
      console: `${gw.url}/console/`,
      apiKeysFile: gw.apiKeysFile,
      callers,
    };
  });
}
