/**
 * The gateway's configuration: one JSON file, checked against a schema,
 * relative paths resolved against the file's folder, deeply frozen. A bad
 * file fails at start naming the offending key.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { CHAINCODE_NAME, CHANNEL_NAME, LIMITS } from '@idcard/common';
import { RETENTION_DAYS } from './status-notices/retention';
import { isLoopbackHost } from './tls/loopback-host';

const Port = Type.Integer({ minimum: 0, maximum: 65535 });
const Ms = (def: number, minimum = 1) => Type.Integer({ minimum, default: def });

/** A pseudonym key: its id (written before every reference) and the file holding it. */
const PseudonymKeySchema = Type.Object(
  {
    /** Key id written before every reference (`<keyId>.<hex>`). */
    keyId: Type.String({ pattern: '^[a-z0-9]{1,16}$' }),
    /** File holding the HMAC key: 64+ hex digits, or 32+ raw bytes. */
    keyFile: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

const PeerSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    /** `host:port` of the peer's gateway service. */
    endpoint: Type.String({ pattern: '^[^\\s:]+:\\d{1,5}$' }),
    /** TLS server name to expect, when it differs from the endpoint host. */
    hostOverride: Type.Optional(Type.String({ minLength: 1 })),
    /** PEM file of the CA that signed the peer's TLS certificate. */
    tlsCaPath: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

/** The Fabric CA where onboarded relying units' identities are registered, reached as its registrar. */
const CertificateAuthoritySchema = Type.Object(
  {
    /** `https://host:port` of the CA server. */
    url: Type.String({ pattern: '^https://[^\\s/:@]+:\\d{1,5}$' }),
    /** The CA's name on its server, e.g. `ca-relyingparty`. */
    caName: Type.String({ minLength: 1 }),
    /** MSP of the identities it issues, e.g. `RelyingPartyMSP`. */
    mspId: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]+MSP$' }),
    /** PEM of the CA server's TLS certificate. */
    tlsCertPath: Type.String({ minLength: 1 }),
    /** fabric-ca-client home of the enrolled registrar (holds `msp/`). */
    registrarHome: Type.String({ minLength: 1 }),
    /** The fabric-ca-client program. */
    clientProgram: Type.String({ minLength: 1 }),
    /** Deadline of one CA call. */
    timeoutMs: Ms(60_000),
  },
  { additionalProperties: false },
);

/** The gateway's HTTPS listener (docs/security.md, TLS). */
const ServerTlsSchema = Type.Object(
  {
    /** PEM of the gateway's TLS certificate, issued by its organisation's TLS CA. */
    certPath: Type.String({ minLength: 1 }),
    /** PEM of its private key (mode 600). */
    keyPath: Type.String({ minLength: 1 }),
    /** Mutual TLS: client certificates, in addition to API keys. */
    clientCertificates: Type.Optional(
      Type.Object(
        {
          /** PEM files of the CAs whose client certificates are accepted (e.g. relying parties' TLS CA). */
          caPaths: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
          /** True: the TLS handshake refuses a connection without a certificate from those CAs. */
          required: Type.Boolean({ default: true }),
          /** Caller ids whose API keys are accepted only over a connection with such a certificate. */
          callers: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** TLS towards the agency gateway: the CAs to trust and this gateway's client certificate. */
const ClientTlsSchema = Type.Object(
  {
    /** PEM files of the CAs that may have issued the agency gateway's TLS certificate. */
    caPaths: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    /** PEM of this gateway's client certificate (its organisation's TLS CA), for mutual TLS. */
    certPath: Type.Optional(Type.String({ minLength: 1 })),
    /** PEM of that certificate's private key (mode 600). */
    keyPath: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

/** An organisation's CA certificates (public PEM files, as its MSP's `cacerts` and `intermediatecerts` hold them). */
const OrganisationCaSchema = Type.Object(
  {
    mspId: Type.String({ minLength: 1 }),
    rootCertPaths: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    intermediateCertPaths: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
  },
  { additionalProperties: false },
);

/** An organisation's CA certificate files (config `audit.organisations`). */
export type OrganisationCaFiles = Static<typeof OrganisationCaSchema>;

/** The configuration file's schema (the type is derived from it). */
export const ConfigSchema = Type.Object(
  {
    http: Type.Object(
      {
        host: Type.String({ default: '127.0.0.1' }),
        port: Port,
        bodyLimitBytes: Type.Integer({ minimum: 1024, default: 1_048_576 }),
        /**
         * A request (headers and body) not received in full within this time
         * is answered 408 and its connection closed (a client that declares
         * more bytes than it sends, or trickles them).
         */
        requestTimeoutMs: Type.Integer({ minimum: 1000, default: 30_000 }),
        trustProxy: Type.Boolean({ default: false }),
        /**
         * Where clients reach this gateway (`https://host[:port]`, behind a proxy the proxy's),
         * served as the OpenAPI document's server; absent: the address it listens on.
         */
        publicUrl: Type.Optional(Type.String({ pattern: '^https?://[^\\s/:@]+(:\\d{1,5})?$' })),
        /** Serve HTTPS; without it plain HTTP, allowed only on a loopback host. */
        tls: Type.Optional(ServerTlsSchema),
      },
      { additionalProperties: false },
    ),
    rateLimit: Type.Object(
      {
        /**
         * Work units per window per authenticated caller: a request costs 1,
         * a batch its item count, an accountability report 1 per page, an
         * event replay page `events.replayPageCost` (docs/security.md).
         */
        perCaller: Type.Integer({ minimum: 1, default: 6_000 }),
        /** Requests per window per IP address without a valid key (throttles key guessing). */
        perIpUnauthenticated: Type.Integer({ minimum: 1, default: 30 }),
        windowMs: Ms(60_000),
      },
      { additionalProperties: false, default: {} },
    ),
    fabric: Type.Object(
      {
        channel: Type.String({ default: CHANNEL_NAME }),
        chaincode: Type.String({ default: CHAINCODE_NAME }),
        /** Peers in order of preference; later ones are used when earlier ones are unavailable. */
        peers: Type.Array(PeerSchema, { minItems: 1 }),
        /**
         * gRPC keepalive pings to each peer, and how long an unanswered ping
         * may take before the connection counts as dead (its calls fail over
         * to the next peer at once instead of waiting for their deadlines: a
         * peer cut off by the network answers nothing). Fabric peers refuse
         * pings more often than their `peer.keepalive.minInterval` (60 s by
         * default; the project's network allows 5 s).
         */
        keepaliveMs: Ms(120_000, 5_000),
        keepaliveTimeoutMs: Ms(20_000, 1_000),
        deadlinesMs: Type.Object(
          {
            evaluate: Ms(10_000),
            endorse: Ms(30_000),
            submit: Ms(10_000),
            // A transaction lost with a crashed orderer is re-sent (same signed envelope) when this passes:
            // long enough for a commit under load (p99 about 3 s here), short enough to recover quickly.
            commitStatus: Ms(15_000),
          },
          { additionalProperties: false, default: {} },
        ),
        /** Calls in flight at once (below the peer's gateway concurrency limit, default 500). */
        maxConcurrent: Type.Integer({ minimum: 1, default: 200 }),
        /** Calls waiting for a slot before new ones are refused as unavailable. */
        maxQueued: Type.Integer({ minimum: 0, default: 5000 }),
        /** One caller's share: its calls in flight at once (the others keep theirs). */
        maxConcurrentPerCaller: Type.Integer({ minimum: 1, default: 50 }),
        /** One caller's calls waiting for a slot before its next ones are refused (429). */
        maxQueuedPerCaller: Type.Integer({ minimum: 0, default: 500 }),
        retry: Type.Object(
          {
            maxAttempts: Type.Integer({ minimum: 1, default: 5 }),
            baseDelayMs: Ms(50),
            maxDelayMs: Ms(2_000),
            maxResubmits: Type.Integer({ minimum: 0, default: 3 }),
          },
          { additionalProperties: false, default: {} },
        ),
        /** Identity used by /readyz to ask the chaincode a cheap question. */
        probeIdentity: Type.Object(
          { mspId: Type.String({ minLength: 1 }), certPath: Type.String(), keyPath: Type.String() },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
    /** The pseudonym key: an agency's gateway only (DESIGN §3). Exactly one of privacy and pseudonymService. */
    privacy: Type.Optional(
      Type.Object(
        {
          ...PseudonymKeySchema.properties,
          /**
           * Earlier keys, newest first, still used to find cards and persons
           * made with them (key rotation, docs/privacy.md); never for new references.
           */
          earlierKeys: Type.Array(PseudonymKeySchema, { maxItems: LIMITS.maxEarlierKeys, default: [] }),
        },
        { additionalProperties: false },
      ),
    ),
    /**
     * A gateway without the pseudonym key (the relying parties'): the agency
     * gateway whose `POST /v1/pseudonyms/cards` derives presented cards' references.
     */
    pseudonymService: Type.Optional(
      Type.Object(
        {
          /** Base URL: `https://host:port`, or `http://` to a loopback address. */
          url: Type.String({ pattern: '^https?://[^\\s/:@]+:\\d{1,5}$' }),
          /** File holding this gateway's `pseudonym-client` API key there (mode 600). */
          apiKeyFile: Type.String({ minLength: 1 }),
          timeoutMs: Ms(10_000),
          /** For an `https://` url: the CAs to trust and the client certificate (mutual TLS). */
          tls: Type.Optional(ClientTlsSchema),
        },
        { additionalProperties: false },
      ),
    ),
    /** Status notices to the units that checked a card (docs/api.md). */
    statusNotices: Type.Object(
      {
        /** A unit is told of a change made at most this many days after its check, and lists notices this far back. */
        retentionDays: Type.Integer(RETENTION_DAYS),
      },
      { additionalProperties: false, default: {} },
    ),
    /** Event streams (GET /v1/events). */
    events: Type.Object(
      {
        /** Open streams per caller. */
        maxStreamsPerCaller: Type.Integer({ minimum: 1, default: 4 }),
        /** Open streams in all. */
        maxStreams: Type.Integer({ minimum: 1, default: 200 }),
        /** Ledger events a resumed (replaying) connection reads before it ends with `page-end`. */
        replayPageEvents: Type.Integer({ minimum: 1, default: 1_000 }),
        /** Work units a resumed connection costs its caller. */
        replayPageCost: Type.Integer({ minimum: 0, default: 100 }),
      },
      { additionalProperties: false, default: {} },
    ),
    /** The caller registry file (API key digests and Fabric identities). */
    callerRegistryFile: Type.String({ minLength: 1 }),
    /** Where onboarded relying units' identities are enrolled. */
    identitiesDir: Type.String({ minLength: 1 }),
    /** The CA adapter for onboarding; without it onboarding answers 503. */
    certificateAuthority: Type.Optional(CertificateAuthoritySchema),
    /**
     * The auditors' endpoints (POST /v1/audit/...): the CA certificates of
     * every organisation of the network, against which receipts are checked;
     * without it those endpoints answer 503 audit-unavailable.
     */
    audit: Type.Optional(
      Type.Object(
        { organisations: Type.Array(OrganisationCaSchema, { minItems: 1 }) },
        { additionalProperties: false },
      ),
    ),
    logLevel: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
      { default: 'info' },
    ),
    shutdownGraceMs: Ms(30_000),
  },
  { additionalProperties: false },
);

/** The checked, frozen configuration. */
export type GatewayConfig = Static<typeof ConfigSchema>;

/** Raised when the configuration file is unusable; names the key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`configuration ${key}: ${message}`);
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function resolveTls<T extends { certPath?: string; keyPath?: string }>(
  tls: T,
  abs: (p: string) => string,
): T {
  return {
    ...tls,
    ...(tls.certPath === undefined ? {} : { certPath: abs(tls.certPath) }),
    ...(tls.keyPath === undefined ? {} : { keyPath: abs(tls.keyPath) }),
  };
}

function resolveHttp(http: GatewayConfig['http'], abs: (p: string) => string): GatewayConfig['http'] {
  const tls = http.tls;
  if (tls === undefined) return http;
  const clients = tls.clientCertificates;
  return {
    ...http,
    tls: {
      ...resolveTls(tls, abs),
      ...(clients ? { clientCertificates: { ...clients, caPaths: clients.caPaths.map(abs) } } : {}),
    },
  };
}

function resolvePaths(config: GatewayConfig, base: string): GatewayConfig {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  return {
    ...config,
    http: resolveHttp(config.http, abs),
    fabric: {
      ...config.fabric,
      peers: config.fabric.peers.map((p) => ({ ...p, tlsCaPath: abs(p.tlsCaPath) })),
      probeIdentity: {
        ...config.fabric.probeIdentity,
        certPath: abs(config.fabric.probeIdentity.certPath),
        keyPath: abs(config.fabric.probeIdentity.keyPath),
      },
    },
    ...(config.privacy
      ? {
          privacy: {
            ...config.privacy,
            keyFile: abs(config.privacy.keyFile),
            earlierKeys: config.privacy.earlierKeys.map((k) => ({ ...k, keyFile: abs(k.keyFile) })),
          },
        }
      : {}),
    ...(config.pseudonymService
      ? {
          pseudonymService: {
            ...config.pseudonymService,
            apiKeyFile: abs(config.pseudonymService.apiKeyFile),
            ...(config.pseudonymService.tls
              ? {
                  tls: {
                    ...resolveTls(config.pseudonymService.tls, abs),
                    caPaths: config.pseudonymService.tls.caPaths.map(abs),
                  },
                }
              : {}),
          },
        }
      : {}),
    callerRegistryFile: abs(config.callerRegistryFile),
    identitiesDir: abs(config.identitiesDir),
    ...(config.certificateAuthority
      ? {
          certificateAuthority: {
            ...config.certificateAuthority,
            tlsCertPath: abs(config.certificateAuthority.tlsCertPath),
            registrarHome: abs(config.certificateAuthority.registrarHome),
            clientProgram: abs(config.certificateAuthority.clientProgram),
          },
        }
      : {}),
    ...(config.audit
      ? {
          audit: {
            organisations: config.audit.organisations.map((o) => ({
              ...o,
              rootCertPaths: o.rootCertPaths.map(abs),
              intermediateCertPaths: o.intermediateCertPaths.map(abs),
            })),
          },
        }
      : {}),
  };
}

/**
 * Exactly one source of card references, and plain HTTP only over loopback.
 * @throws ConfigError naming the key
 */
function checkPseudonymSource(config: GatewayConfig): void {
  if ((config.privacy === undefined) === (config.pseudonymService === undefined)) {
    throw new ConfigError(
      'privacy',
      "give either privacy (an agency gateway's pseudonym key) or pseudonymService (the agency gateway to ask), not both",
    );
  }
  const service = config.pseudonymService;
  if (service === undefined) return;
  const plain = service.url.startsWith('http:');
  if (plain && !isLoopbackHost(new URL(service.url).hostname)) {
    throw new ConfigError(
      'pseudonymService.url',
      'plain http is allowed only to a loopback address; use https',
    );
  }
  if (plain && service.tls !== undefined) {
    throw new ConfigError('pseudonymService.tls', 'TLS settings need an https:// url');
  }
  if (service.tls && (service.tls.certPath === undefined) !== (service.tls.keyPath === undefined)) {
    throw new ConfigError(
      service.tls.certPath === undefined ? 'pseudonymService.tls.certPath' : 'pseudonymService.tls.keyPath',
      'a client certificate needs both certPath and keyPath',
    );
  }
}

/**
 * Plain HTTP only where nothing but this machine can listen in.
 * @throws ConfigError naming http.tls
 */
function checkListener(http: GatewayConfig['http']): void {
  if (http.tls === undefined && !isLoopbackHost(http.host)) {
    throw new ConfigError(
      'http.tls',
      `plain HTTP may listen only on a loopback address (127.0.0.0/8, ::1, localhost), not http.host ${http.host}; give http.tls (certPath and keyPath of the gateway's TLS certificate)`,
    );
  }
}

/**
 * Checks a parsed configuration object, fills defaults and freezes it.
 * @throws ConfigError naming the first offending key
 */
export function parseConfig(raw: unknown, baseDir: string): GatewayConfig {
  const withDefaults = Value.Default(ConfigSchema, structuredClone(raw));
  const error = Value.Errors(ConfigSchema, withDefaults).First();
  if (error) {
    const key = error.path === '' ? '(root)' : error.path.slice(1).replace(/\//g, '.');
    throw new ConfigError(key, error.message);
  }
  const config = withDefaults as GatewayConfig;
  checkListener(config.http);
  checkPseudonymSource(config);
  const keyIds = config.privacy
    ? [config.privacy.keyId, ...config.privacy.earlierKeys.map((k) => k.keyId)]
    : [];
  if (new Set(keyIds).size !== keyIds.length) {
    throw new ConfigError(
      'privacy.earlierKeys',
      'every key id must differ from the current one and the others',
    );
  }
  return deepFreeze(resolvePaths(config, baseDir));
}

/**
 * Reads and checks the configuration file.
 * @throws ConfigError when the file cannot be read or is invalid
 */
export function loadConfig(file: string): GatewayConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError('(file)', `${file} cannot be read as JSON: ${(err as Error).message}`);
  }
  return parseConfig(raw, dirname(resolve(file)));
}
