/**
 * The gateway's files, derived from the network: its configuration (peers of
 * every organisation, the gateway organisation's first; TLS roots; the probe
 * identity; the relying parties' CA for onboarding), the pseudonym key, and
 * the caller registry with one caller per configured client identity. All
 * live in the data dir's gateway folder. The key and the registry are made
 * once and never replaced: a new key would orphan every reference on the
 * ledger, and API keys are shown only when issued.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createCallerRegistry,
  parseConfig,
  type CallerRegistryFile,
  type GatewayConfig,
} from '@idcard/gateway';
import {
  caEndpoint,
  dataPaths,
  gatewayNode,
  type FabricPrograms,
  type IssuedIdentities,
  type ResolvedConfig,
} from '@idcard/network';
import { clientWithRole, configuredClients, peerEndpoints } from './network-clients';

/** Key id of the pseudonym key this tool makes (`<keyId>.<hex>` references). */
export const PSEUDONYM_KEY_ID = 'k1';

/** Where the gateway's files are. */
export interface GatewayFiles {
  readonly dir: string;
  readonly configFile: string;
  readonly keyFile: string;
  readonly callersFile: string;
  /** API keys issued when the registry was made (mode 600; hand them out, then delete the file). */
  readonly apiKeysFile: string;
  readonly identitiesDir: string;
}

/** The gateway's file paths under the data dir. */
export function gatewayFiles(cfg: ResolvedConfig): GatewayFiles {
  const dir = dataPaths(cfg).gateway;
  return {
    dir,
    configFile: join(dir, 'gateway.config.json'),
    keyFile: join(dir, 'pseudonym.key'),
    callersFile: join(dir, 'callers.json'),
    apiKeysFile: join(dir, 'initial-api-keys.json'),
    identitiesDir: join(dir, 'identities'),
  };
}

function client(ids: IssuedIdentities, name: string) {
  const id = ids.clients.get(name);
  if (id === undefined) throw new Error(`client identity ${name} was not issued`);
  return id;
}

/**
 * The gateway configuration for this network, checked by the gateway's own schema.
 * @throws ConfigError when the derived configuration is invalid; Error when an identity is missing
 */
export function gatewayConfig(
  cfg: ResolvedConfig,
  programs: Pick<FabricPrograms, 'caClient'>,
  ids: IssuedIdentities,
): GatewayConfig {
  const files = gatewayFiles(cfg);
  const node = gatewayNode(cfg);
  const clients = configuredClients(cfg);
  const probeClient = clients.find((c) => c.org.name === node.org) ?? clients[0];
  if (probeClient === undefined)
    throw new Error('the network config names no client identity for the gateway');
  const probe = client(ids, probeClient.client.name);
  const onboardingOrg = clientWithRole(cfg, 'verifier')?.org;
  return parseConfig(
    {
      http: { host: node.host, port: node.port },
      fabric: {
        channel: cfg.channel,
        chaincode: cfg.chaincode.name,
        peers: peerEndpoints(cfg, node.org),
        probeIdentity: { mspId: probe.mspId, certPath: probe.certPath, keyPath: probe.keyPath },
      },
      privacy: { keyId: PSEUDONYM_KEY_ID, keyFile: files.keyFile },
      callerRegistryFile: files.callersFile,
      identitiesDir: files.identitiesDir,
      ...(onboardingOrg === undefined
        ? {}
        : {
            certificateAuthority: {
              ...caEndpoint(cfg, programs, onboardingOrg.name),
              mspId: onboardingOrg.mspId,
            },
          }),
      logLevel: cfg.logLevel === 'debug' ? 'debug' : 'info',
    },
    files.dir,
  );
}

/**
 * Writes the gateway's configuration (always, so it follows the network
 * config), and makes the pseudonym key and the caller registry when missing.
 * Returns the API keys issued now (empty when the registry already existed).
 * @throws ConfigError, Error (as gatewayConfig; file system errors)
 */
export async function writeGatewayFiles(
  cfg: ResolvedConfig,
  programs: Pick<FabricPrograms, 'caClient'>,
  ids: IssuedIdentities,
  now: Date,
): Promise<Record<string, string>> {
  const files = gatewayFiles(cfg);
  mkdirSync(files.identitiesDir, { recursive: true, mode: 0o700 });
  const config = gatewayConfig(cfg, programs, ids);
  writeFileSync(files.configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  if (!existsSync(files.keyFile)) {
    writeFileSync(files.keyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  }
  if (existsSync(files.callersFile)) return {};
  let document: CallerRegistryFile = { callers: [] };
  const registry = createCallerRegistry(document, (next) => {
    document = next;
    return Promise.resolve();
  });
  const issued: Record<string, string> = {};
  for (const { client: c } of configuredClients(cfg)) {
    const id = client(ids, c.name);
    await registry.addCaller({
      id: c.name,
      role: c.role,
      ...(c.unit === undefined ? {} : { unit: c.unit }),
      identity: { mspId: id.mspId, certPath: id.certPath, keyPath: id.keyPath },
    });
    issued[c.name] = (await registry.issueKey(c.name, now)).apiKey;
  }
  writeFileSync(files.apiKeysFile, `${JSON.stringify(issued, null, 2)}\n`, { mode: 0o600 });
  writeFileSync(files.callersFile, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return issued;
}
