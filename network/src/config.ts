/**
 * The one typed description of the network (network/network.config.json):
 * organisations, hosts, base port, data dir, consensus, pinned versions.
 * Everything else derives ports and paths from it (see topology.ts).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { MAX_DISPLAY_NAME_LENGTH, MSP_IDS, PURPOSES, UNIT_CATEGORIES } from '@idcard/common';
import { NetworkError } from '@idcard/ca-client';

/** How `up` registers a configured relying unit on the ledger (once, with Bootstrap). */
const UnitRegistrationSchema = Type.Object(
  {
    category: Type.Union(UNIT_CATEGORIES.map((c) => Type.Literal(c))),
    displayName: Type.String({ minLength: 1, maxLength: MAX_DISPLAY_NAME_LENGTH }),
    allowedPurposes: Type.Array(Type.Union(PURPOSES.map((p) => Type.Literal(p))), {
      minItems: 1,
      uniqueItems: true,
    }),
  },
  { additionalProperties: false },
);

const ClientSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }),
    role: Type.Union([
      Type.Literal('officer'),
      Type.Literal('operator'),
      Type.Literal('verifier'),
      Type.Literal('auditor'),
    ]),
    unit: Type.Optional(Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{1,31}$' })),
    /** For a verifier: its entry in the ledger's unit registry, written by `up`. */
    registration: Type.Optional(UnitRegistrationSchema),
  },
  { additionalProperties: false },
);

const OrdererOrgSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z][a-z0-9]{1,30}$' }),
    mspId: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]+MSP$' }),
    kind: Type.Literal('orderer'),
    host: Type.String({ minLength: 1 }),
    nodes: Type.Object(
      { raft: Type.Integer({ minimum: 1, maximum: 7 }), bft: Type.Integer({ minimum: 4, maximum: 7 }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const PeerOrgSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z][a-z0-9]{1,30}$' }),
    mspId: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]+MSP$' }),
    kind: Type.Literal('peer'),
    host: Type.String({ minLength: 1 }),
    /**
     * A network namespace (made beforehand, e.g. with `ip netns add`) the
     * organisation's CA, peers and chaincode server run in; its host is then
     * an address in that namespace. Absent: the host's own namespace.
     */
    netns: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$' })),
    peers: Type.Integer({ minimum: 1, maximum: 7 }),
    clients: Type.Array(ClientSchema),
  },
  { additionalProperties: false },
);

/** Block-cutting tunables of the ordering service (channel configuration). */
const OrderingSchema = Type.Object(
  {
    /** Go duration: how long the orderer waits for more transactions before cutting a block. */
    batchTimeout: Type.Optional(Type.String({ pattern: '^[1-9][0-9]*(ms|s)$' })),
    maxMessageCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
    absoluteMaxBytes: Type.Optional(Type.Integer({ minimum: 1024, maximum: 100 * 1024 * 1024 })),
    preferredMaxBytes: Type.Optional(Type.Integer({ minimum: 1024, maximum: 100 * 1024 * 1024 })),
  },
  { additionalProperties: false },
);

/** Schema of network.config.json. */
export const NetworkConfigSchema = Type.Object(
  {
    $comment: Type.Optional(Type.String()),
    fabric: Type.Object(
      {
        version: Type.String(),
        module: Type.String(),
        moduleVersion: Type.String(),
        ccaasBuilderModuleVersion: Type.String(),
        caVersion: Type.String(),
        minGoVersion: Type.String({ pattern: '^\\d+\\.\\d+(\\.\\d+)?$' }),
      },
      { additionalProperties: false },
    ),
    programsDir: Type.String({ minLength: 1 }),
    dataDir: Type.String({ minLength: 1 }),
    basePort: Type.Integer({ minimum: 1024, maximum: 64000 }),
    consensus: Type.Union([Type.Literal('raft'), Type.Literal('bft')]),
    channel: Type.String({ pattern: '^[a-z][a-z0-9.-]{0,248}$' }),
    chaincode: Type.Object(
      {
        name: Type.String({ pattern: '^[a-z][a-z0-9_-]*$' }),
        endorsementPolicy: Type.String({ minLength: 1 }),
      },
      { additionalProperties: false },
    ),
    ordering: Type.Optional(OrderingSchema),
    /** FABRIC_LOGGING_SPEC of peers and orderers, e.g. `info` or `warning:gossip=error`. */
    logLevel: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.:=,-]+$' })),
    /**
     * How far a proposal's timestamp may be from a peer's clock (Fabric's
     * peer.authentication.timewindow, default 15m). The chaincode's time is
     * that timestamp, so this bounds how far a client can move it.
     */
    peerAuthenticationTimeWindow: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,5}(s|m|h)$' })),
    organisations: Type.Array(Type.Union([OrdererOrgSchema, PeerOrgSchema]), { minItems: 2, maxItems: 9 }),
    /** The REST gateways (one per peer organisation): the address they listen on. */
    gateway: Type.Object(
      {
        host: Type.String({ minLength: 1 }),
        /** Serve HTTPS with TLS certificates from each organisation's TLS CA, the agency's pseudonym endpoint over mutual TLS (default false: HTTP on loopback). */
        https: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export type NetworkConfig = Static<typeof NetworkConfigSchema>;
export type OrdererOrgConfig = Static<typeof OrdererOrgSchema>;
export type PeerOrgConfig = Static<typeof PeerOrgSchema>;
export type ClientConfig = Static<typeof ClientSchema>;
export type Consensus = NetworkConfig['consensus'];

/** Ordering tunables with every default filled in. */
export interface OrderingTunables {
  readonly batchTimeout: string;
  readonly maxMessageCount: number;
  readonly absoluteMaxBytes: number;
  readonly preferredMaxBytes: number;
}

/** Defaults of the `ordering` section: short blocks for low commit latency. */
export const ORDERING_DEFAULTS: OrderingTunables = Object.freeze({
  batchTimeout: '250ms',
  maxMessageCount: 500,
  absoluteMaxBytes: 10 * 1024 * 1024,
  preferredMaxBytes: 2 * 1024 * 1024,
});

/** The ordering tunables of a config, defaults filled in. */
export function orderingTunables(cfg: Pick<NetworkConfig, 'ordering'>): OrderingTunables {
  return { ...ORDERING_DEFAULTS, ...cfg.ordering };
}

/** The Fabric logging spec of a config (default `info`). */
export function fabricLogSpec(cfg: Pick<NetworkConfig, 'logLevel'>): string {
  return cfg.logLevel ?? 'info';
}

/** What a command line or test may override in the file's values. */
export interface ConfigOverrides {
  readonly dataDir?: string | undefined;
  readonly basePort?: number | undefined;
  readonly consensus?: Consensus | undefined;
  readonly programsDir?: string | undefined;
  /** Profile every node into this folder (`idcard bench --profile`): Node CPU profiles, Go pprof endpoints. */
  readonly profileDir?: string | undefined;
  /** Gateways over HTTPS (`idcard up --https`); overrides `gateway.https`. */
  readonly gatewayHttps?: boolean | undefined;
}

/** A checked, frozen config with absolute paths. */
export type ResolvedConfig = Readonly<NetworkConfig> & {
  readonly projectRoot: string;
  /** Set when the nodes are to be profiled (see ConfigOverrides). */
  readonly profileDir?: string;
};

/** The project root: two levels above this file's folder (network/src or network/dist). */
export function defaultProjectRoot(): string {
  return resolve(__dirname, '..', '..');
}

/** Path of the default config file. */
export function defaultConfigPath(projectRoot = defaultProjectRoot()): string {
  return join(projectRoot, 'network', 'network.config.json');
}

/**
 * Reads, checks and freezes a network config, applying overrides and making
 * paths absolute.
 * @throws NetworkError CONFIG_INVALID naming the first offending key.
 */
export function loadNetworkConfig(
  path = defaultConfigPath(),
  overrides: ConfigOverrides = {},
  projectRoot = defaultProjectRoot(),
): ResolvedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new NetworkError('CONFIG_INVALID', `cannot read network config ${path}`, [], { cause: err });
  }
  return checkNetworkConfig(raw, overrides, projectRoot);
}

/**
 * Checks a parsed config object; see loadNetworkConfig.
 * @throws NetworkError CONFIG_INVALID
 */
export function checkNetworkConfig(
  raw: unknown,
  overrides: ConfigOverrides = {},
  projectRoot = defaultProjectRoot(),
): ResolvedConfig {
  const first = Value.Errors(NetworkConfigSchema, raw).First();
  if (first) {
    throw new NetworkError('CONFIG_INVALID', `network config: ${first.path || '/'}: ${first.message}`);
  }
  const cfg = raw as NetworkConfig;
  const merged: NetworkConfig = {
    ...cfg,
    dataDir: overrides.dataDir ?? cfg.dataDir,
    basePort: overrides.basePort ?? cfg.basePort,
    consensus: overrides.consensus ?? cfg.consensus,
    programsDir: overrides.programsDir ?? cfg.programsDir,
    gateway:
      overrides.gatewayHttps === undefined ? cfg.gateway : { ...cfg.gateway, https: overrides.gatewayHttps },
  };
  checkSemantics(merged);
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(projectRoot, p));
  return Object.freeze({
    ...merged,
    dataDir: abs(merged.dataDir),
    programsDir: abs(merged.programsDir),
    projectRoot,
    ...(overrides.profileDir === undefined ? {} : { profileDir: abs(overrides.profileDir) }),
  });
}

/**
 * The agencies' MSPs: their members may be auditors (DESIGN: an agency's
 * role, never the relying units'), and their gateways hold the pseudonym key.
 */
export const AGENCY_MSPS: readonly string[] = [MSP_IDS.publicSecurity, MSP_IDS.bigDataBureau];

function checkClient(org: string, mspId: string, c: ClientConfig, fail: (msg: string) => never): void {
  if (c.role === 'auditor' && !AGENCY_MSPS.includes(mspId))
    fail(`/organisations/${org}: auditor ${c.name} must belong to ${AGENCY_MSPS.join(' or ')}`);
  if (c.role === 'verifier' && c.unit === undefined)
    fail(`/organisations/${org}: verifier ${c.name} needs a unit`);
  if (c.registration !== undefined && c.role !== 'verifier')
    fail(`/organisations/${org}: only a verifier (relying unit) has a registration; ${c.name} is ${c.role}`);
  if (c.role === 'officer' && c.unit === undefined)
    fail(`/organisations/${org}: officer ${c.name} needs a unit`);
}

function checkSemantics(cfg: NetworkConfig): void {
  const fail = (msg: string): never => {
    throw new NetworkError('CONFIG_INVALID', `network config: ${msg}`);
  };
  const orderers = cfg.organisations.filter((o) => o.kind === 'orderer');
  if (orderers.length !== 1) fail('/organisations: exactly one orderer organisation is supported');
  const names = new Set<string>();
  const msps = new Set<string>();
  for (const org of cfg.organisations) {
    if (names.has(org.name)) fail(`/organisations: duplicate name ${org.name}`);
    if (msps.has(org.mspId)) fail(`/organisations: duplicate mspId ${org.mspId}`);
    names.add(org.name);
    msps.add(org.mspId);
    if (org.kind === 'peer') for (const c of org.clients) checkClient(org.name, org.mspId, c, fail);
  }
  const ordering = orderingTunables(cfg);
  if (ordering.preferredMaxBytes > ordering.absoluteMaxBytes)
    fail('/ordering/preferredMaxBytes: must not exceed absoluteMaxBytes');
  if (cfg.basePort + 1000 > 65535) fail('/basePort: leaves no room for the derived ports');
}
