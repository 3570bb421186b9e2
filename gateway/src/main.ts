/**
 * The service entry: load the configuration, open the ports, build the app,
 * listen, and shut down in reverse order on a signal (stop accepting and
 * finish in-flight requests, end event streams, drain ledger calls, close
 * gateways, close gRPC connections).
 */
import closeWithGrace from 'close-with-grace';
import { readFileSync } from 'node:fs';
import { buildApp, type App, type AppDependencies } from './app';
import type { AuditPort } from './auditing/audit-port';
import { loadOrganisationRoots } from './auditing/organisation-roots';
import { registrarFromConfig } from './callers/ca-registrar';
import { openCallerRegistry } from './callers/caller-registry';
import type { IdentityRegistrar } from './callers/identity-registrar';
import { loadConfig, type GatewayConfig } from './config';
import { createFabricAudit } from './fabric/fabric-audit';
import { createFabricLedgerClient } from './fabric/fabric-ledger-client';
import type { LedgerClient } from './ledger/ledger-client';
import { createLogger } from './logging';
import { builtConsoleDir } from './plugins/console';
import { remoteReferencer } from './privacy/card-references';
import { loadPseudonymizer } from './privacy/pseudonyms';
import { serverTlsOptions } from './tls/server-tls';

/** A running gateway. */
export interface RunningGateway {
  readonly app: App;
  readonly config: GatewayConfig;
  /** Where it listens, e.g. `http://127.0.0.1:8080` (`https://` with `http.tls`). */
  readonly address: string;
  /** Graceful shutdown (idempotent). */
  close(): Promise<void>;
}

/** What the caller of startGateway may supply. */
export interface StartOptions {
  /** The adapter for onboarding (default: the Fabric CA the config names; neither: onboarding answers 503). */
  readonly registrar?: IdentityRegistrar;
  /** Install SIGINT/SIGTERM handlers (default true). */
  readonly handleSignals?: boolean;
}

/**
 * The configuration's source of card references: the agency's pseudonym
 * keys, or the agency gateway to ask (with this gateway's key there).
 * @throws Error when a key file is unusable
 */
export function pseudonymSource(
  config: Pick<GatewayConfig, 'privacy' | 'pseudonymService'>,
): Pick<AppDependencies, 'pseudonyms' | 'earlierPseudonyms' | 'references'> {
  if (config.privacy) {
    return {
      pseudonyms: loadPseudonymizer(config.privacy.keyFile, config.privacy.keyId),
      earlierPseudonyms: config.privacy.earlierKeys.map((k) => loadPseudonymizer(k.keyFile, k.keyId)),
    };
  }
  const service = config.pseudonymService;
  if (!service) throw new Error('the configuration names no source of card references (checked at load)');
  return {
    references: remoteReferencer({
      url: service.url,
      apiKey: readFileSync(service.apiKeyFile, 'utf8').trim(),
      timeoutMs: service.timeoutMs,
      ...(service.tls ? { tls: service.tls } : {}),
    }),
  };
}

/**
 * The auditors' port over a ledger client, when the configuration names the
 * organisations' CA certificates (read now, so a missing file fails the start).
 * @throws Error when a CA certificate file cannot be read
 */
export function auditSource(config: GatewayConfig): ((ledger: LedgerClient) => AuditPort) | undefined {
  if (config.audit === undefined) return undefined;
  const trust = loadOrganisationRoots(config.audit.organisations);
  const { fabric } = config;
  return (ledger) =>
    createFabricAudit({
      channel: fabric.channel,
      chaincode: fabric.chaincode,
      peers: fabric.peers,
      keepaliveMs: fabric.keepaliveMs,
      evaluateDeadlineMs: fabric.deadlinesMs.evaluate,
      ledger,
      trust,
    });
}

/**
 * Starts the gateway from a configuration file.
 * @throws ConfigError on a bad configuration; Error when a key, TLS or registry file is unusable or listen fails
 */
export async function startGateway(configFile: string, options: StartOptions = {}): Promise<RunningGateway> {
  const config = loadConfig(configFile);
  const logger = createLogger(config.logLevel);
  const keys = pseudonymSource(config);
  const https = config.http.tls ? serverTlsOptions(config.http.tls) : undefined;
  const callers = openCallerRegistry(config.callerRegistryFile);
  const registrar = options.registrar ?? registrarFromConfig(config);
  const auditOver = auditSource(config);
  const ledger: LedgerClient = createFabricLedgerClient(config.fabric);
  const audit = auditOver?.(ledger);
  const app = await buildApp({
    ledger,
    callers,
    ...(registrar ? { registrar } : {}),
    ...(audit ? { audit } : {}),
    ...keys,
    logger,
    bodyLimitBytes: config.http.bodyLimitBytes,
    requestTimeoutMs: config.http.requestTimeoutMs,
    trustProxy: config.http.trustProxy,
    ...(config.http.publicUrl === undefined ? {} : { publicUrl: config.http.publicUrl }),
    ...(https ? { https } : {}),
    ...(config.http.tls
      ? { clientCertificates: { callers: config.http.tls.clientCertificates?.callers ?? [] } }
      : {}),
    rateLimit: config.rateLimit,
    statusNotices: config.statusNotices,
    events: config.events,
    processMetrics: true,
    consoleDir: builtConsoleDir(),
  });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await app.close();
      await ledger.close();
      logger.info('gateway stopped');
    })();
    return closing;
  };
  if (options.handleSignals !== false) {
    const grace = closeWithGrace({ delay: config.shutdownGraceMs, logger }, async ({ err, signal }) => {
      if (err) logger.error({ err }, 'stopping after an uncaught error');
      else logger.info({ signal }, 'stopping');
      await close();
    });
    app.addHook('onClose', (_instance, done) => {
      grace.uninstall();
      done();
    });
  }
  let address: string;
  try {
    address = await app.listen({ host: config.http.host, port: config.http.port });
  } catch (err) {
    // Nothing was served: release what was opened before reporting the failure.
    await close();
    throw err;
  }
  logger.info({ address, docs: `${address}/docs` }, 'gateway listening');
  return { app, config, address, close };
}

/** Command line: `node dist/main.js <config.json>` (or IDCARD_GATEWAY_CONFIG). */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  const configFile = argv[0] ?? env.IDCARD_GATEWAY_CONFIG;
  if (configFile === undefined) {
    process.stderr.write('usage: idcard-gateway <config.json>  (or set IDCARD_GATEWAY_CONFIG)\n');
    process.exitCode = 2;
    return;
  }
  await startGateway(configFile);
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
