/**
 * The gateways' files, derived from the network: one gateway per peer
 * organisation, each in a `gateway` folder inside its organisation's own
 * folder, holding only that organisation's members (issue 13: keys stay with
 * their organisation). Each folder has its configuration (peers of every
 * organisation, its own first; TLS roots; its probe identity; its own CA
 * only where it onboards relying units, reached as its unit registrar, which
 * may register client identities only; every organisation's CA certificates
 * where it has auditors, to check receipts), its caller registry (one caller per
 * configured client identity of the organisation, plus the service callers
 * below) and the API keys issued when the registry was made.
 *
 * The agencies' gateways (PublicSecurityMSP, BigDataBureauMSP) hold the
 * pseudonym key (DESIGN §3: one key, shared by the agencies). Every other
 * organisation's gateway holds no key: it asks an agency gateway's
 * pseudonym endpoint, with a `pseudonym-client` API key of its own, kept in
 * its own folder (the agency keeps only the key's digest). A gateway whose
 * organisation has relying units also has a `unit-admin` caller, which
 * enrols units' identities at the organisation's own CA and issues their keys.
 * Keys and registries are made once and never replaced: a new pseudonym key
 * would orphan every reference on the ledger, and API keys are shown only
 * when issued.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createCallerRegistry,
  openCallerRegistry,
  parseConfig,
  type CallerRegistry,
  type CallerRegistryFile,
  type GatewayConfig,
} from '@idcard/gateway';
import {
  AGENCY_MSPS,
  gatewayNode,
  onboardsUnits,
  peerOrgs,
  unitRegistrarEndpoint,
  type FabricPrograms,
  type IssuedIdentities,
  type NodeSpec,
  type PeerOrgConfig,
  type ResolvedConfig,
} from '@idcard/network';
import { configuredClients, peerEndpoints } from './network-clients';
import { gatewayServerTls, pseudonymServiceTls } from './gateway-tls';
import { organisationCaFiles } from './organisation-roots';

/** Key id of the pseudonym key this tool makes (`<keyId>.<hex>` references). */
export const PSEUDONYM_KEY_ID = 'k1';

/** Caller id of the unit admin at a gateway whose organisation has relying units. */
export const UNIT_ADMIN_CALLER = 'unit-admin';

/** Where one organisation's gateway files are. */
export interface GatewayFiles {
  readonly org: string;
  readonly dir: string;
  readonly configFile: string;
  /** The pseudonym key (agencies' gateways only). */
  readonly keyFile: string;
  /** This gateway's `pseudonym-client` API key at the agency gateway (keyless gateways only; mode 600). */
  readonly pseudonymClientKeyFile: string;
  readonly callersFile: string;
  /** API keys issued when the registry was made (mode 600; hand them out, then delete the file). */
  readonly apiKeysFile: string;
  readonly identitiesDir: string;
}

/** The file paths of `org`'s gateway (inside the organisation's folder). */
export function gatewayFiles(cfg: ResolvedConfig, org: string): GatewayFiles {
  const dir = gatewayNode(cfg, org).home;
  return {
    org,
    dir,
    configFile: join(dir, 'gateway.config.json'),
    keyFile: join(dir, 'pseudonym.key'),
    pseudonymClientKeyFile: join(dir, 'pseudonym-client.key'),
    callersFile: join(dir, 'callers.json'),
    apiKeysFile: join(dir, 'initial-api-keys.json'),
    identitiesDir: join(dir, 'identities'),
  };
}

/** True for an agency's organisation (its gateway holds the pseudonym key). */
export function isAgency(org: Pick<PeerOrgConfig, 'mspId'>): boolean {
  return AGENCY_MSPS.includes(org.mspId);
}

/**
 * The agency whose gateway keyless gateways ask for references: the big-data
 * bureau's when it runs peers, else the first agency.
 * @throws Error when no peer organisation is an agency
 */
export function pseudonymAgency(cfg: ResolvedConfig): PeerOrgConfig {
  const agencies = peerOrgs(cfg).filter(isAgency);
  const chosen = agencies.find((o) => o.mspId === AGENCY_MSPS[1]) ?? agencies[0];
  if (chosen === undefined)
    throw new Error('no agency organisation runs peers: nobody may hold the pseudonym key');
  return chosen;
}

/** Caller id of `org`'s gateway at the agency gateway. */
export function pseudonymClientId(org: string): string {
  return `gateway-${org}`;
}

/** The gateway a configured client (caller) uses: its organisation's. @throws Error for an unknown name */
export function gatewayOfClient(cfg: ResolvedConfig, name: string): NodeSpec {
  const found = configuredClients(cfg).find(({ client }) => client.name === name);
  if (found === undefined) throw new Error(`no configured client ${name}`);
  return gatewayNode(cfg, found.org.name);
}

/** Base URL of a gateway. */
export function gatewayUrl(node: Pick<NodeSpec, 'host' | 'port' | 'https'>): string {
  return `${node.https === true ? 'https' : 'http'}://${node.host}:${String(node.port)}`;
}

function peerOrg(cfg: ResolvedConfig, name: string): PeerOrgConfig {
  const org = peerOrgs(cfg).find((o) => o.name === name);
  if (org === undefined) throw new Error(`${name} is not a peer organisation`);
  return org;
}

function client(ids: IssuedIdentities, name: string) {
  const id = ids.clients.get(name);
  if (id === undefined) throw new Error(`client identity ${name} was not issued`);
  return id;
}

/** True when the organisation has auditors (its gateway checks receipts and replays, against every organisation's CA). */
export function hasAuditors(org: Pick<PeerOrgConfig, 'clients'>): boolean {
  return org.clients.some((c) => c.role === 'auditor');
}

/**
 * The configuration of `orgName`'s gateway, checked by the gateway's own schema.
 * @throws ConfigError when the derived configuration is invalid; Error when an identity is missing
 */
export function gatewayConfig(
  cfg: ResolvedConfig,
  programs: Pick<FabricPrograms, 'caClient'>,
  ids: IssuedIdentities,
  orgName: string,
): GatewayConfig {
  const org = peerOrg(cfg, orgName);
  const files = gatewayFiles(cfg, orgName);
  const node = gatewayNode(cfg, orgName);
  const probeClient = org.clients[0];
  if (probeClient === undefined) {
    throw new Error(`organisation ${orgName} has no client identity for its gateway's readiness probe`);
  }
  const probe = client(ids, probeClient.name);
  const agency = pseudonymAgency(cfg).name;
  const keylessClients = peerOrgs(cfg)
    .filter((o) => !isAgency(o))
    .map((o) => ({ org: o.name, callerId: pseudonymClientId(o.name) }));
  const tls = gatewayServerTls(cfg, orgName, orgName === agency ? keylessClients : []);
  const clientTls = pseudonymServiceTls(cfg, orgName, agency);
  return parseConfig(
    {
      http: { host: node.host, port: node.port, ...(tls ? { tls } : {}) },
      fabric: {
        channel: cfg.channel,
        chaincode: cfg.chaincode.name,
        peers: peerEndpoints(cfg, orgName),
        // The network's peers accept pings every 5 s (node-config.ts): a peer cut off is
        // noticed within about 10 s and its calls fail over.
        keepaliveMs: 5_000,
        keepaliveTimeoutMs: 5_000,
        probeIdentity: { mspId: probe.mspId, certPath: probe.certPath, keyPath: probe.keyPath },
      },
      ...(isAgency(org)
        ? { privacy: { keyId: PSEUDONYM_KEY_ID, keyFile: files.keyFile } }
        : {
            pseudonymService: {
              url: gatewayUrl(gatewayNode(cfg, agency)),
              apiKeyFile: files.pseudonymClientKeyFile,
              ...(clientTls ? { tls: clientTls } : {}),
            },
          }),
      callerRegistryFile: files.callersFile,
      identitiesDir: files.identitiesDir,
      ...(onboardsUnits(org)
        ? { certificateAuthority: { ...unitRegistrarEndpoint(cfg, programs, orgName), mspId: org.mspId } }
        : {}),
      // Public CA certificates only, read where each organisation's MSP keeps them.
      ...(hasAuditors(org) ? { audit: { organisations: organisationCaFiles(cfg) } } : {}),
      logLevel: cfg.logLevel === 'debug' ? 'debug' : 'info',
    },
    files.dir,
  );
}

/** A registry over a document this module writes once. */
function newRegistry(): { registry: CallerRegistry; document: () => CallerRegistryFile } {
  let document: CallerRegistryFile = { callers: [] };
  const registry = createCallerRegistry(document, (next) => {
    document = next;
    return Promise.resolve();
  });
  return { registry, document: () => document };
}

/**
 * The pseudonym key in every agency gateway's folder: made once, the same key
 * in each (copied from the agency that has it).
 */
function writePseudonymKeys(cfg: ResolvedConfig): void {
  const holders = peerOrgs(cfg)
    .filter(isAgency)
    .map((o) => gatewayFiles(cfg, o.name).keyFile);
  let existing = holders.find((f) => existsSync(f));
  for (const file of holders) {
    if (existsSync(file)) continue;
    if (existing === undefined) {
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      existing = file;
    } else {
      writeFileSync(file, readFileSync(existing), { mode: 0o600, flag: 'wx' });
    }
  }
}

/**
 * Makes `org`'s caller registry when missing: its configured clients, and a
 * unit admin where it has relying units. Returns the API keys issued now.
 */
async function writeCallers(
  cfg: ResolvedConfig,
  ids: IssuedIdentities,
  org: PeerOrgConfig,
  now: Date,
): Promise<Record<string, string>> {
  const files = gatewayFiles(cfg, org.name);
  if (existsSync(files.callersFile)) return {};
  const { registry, document } = newRegistry();
  const issued: Record<string, string> = {};
  for (const c of org.clients) {
    const id = client(ids, c.name);
    await registry.addCaller({
      id: c.name,
      role: c.role,
      ...(c.unit === undefined ? {} : { unit: c.unit }),
      identity: { mspId: id.mspId, certPath: id.certPath, keyPath: id.keyPath },
    });
    issued[c.name] = (await registry.issueKey(c.name, now)).apiKey;
  }
  if (onboardsUnits(org)) {
    await registry.addCaller({ id: UNIT_ADMIN_CALLER, role: 'unit-admin' });
    issued[UNIT_ADMIN_CALLER] = (await registry.issueKey(UNIT_ADMIN_CALLER, now)).apiKey;
  }
  writeFileSync(files.apiKeysFile, `${JSON.stringify(issued, null, 2)}\n`, { mode: 0o600 });
  writeFileSync(files.callersFile, `${JSON.stringify(document(), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return issued;
}

/**
 * Gives each keyless gateway its `pseudonym-client` key at the agency
 * gateway when it has none: the caller (added when missing) and the key's
 * digest go into the agency's registry, the key into the keyless gateway's folder.
 */
async function linkKeylessGateways(cfg: ResolvedConfig, now: Date): Promise<void> {
  const agency = gatewayFiles(cfg, pseudonymAgency(cfg).name);
  for (const org of peerOrgs(cfg).filter((o) => !isAgency(o))) {
    const files = gatewayFiles(cfg, org.name);
    if (existsSync(files.pseudonymClientKeyFile)) continue;
    const registry = openCallerRegistry(agency.callersFile);
    const id = pseudonymClientId(org.name);
    // The caller stays when a key file was lost: it only gets another key.
    await registry.addCaller({ id, role: 'pseudonym-client' }).catch(() => undefined);
    const { apiKey } = await registry.issueKey(id, now);
    writeFileSync(files.pseudonymClientKeyFile, `${apiKey}\n`, { mode: 0o600, flag: 'wx' });
  }
}

/**
 * Writes every gateway's configuration (always, so it follows the network
 * config), and makes the pseudonym key, the caller registries and the
 * keyless gateways' pseudonym-client keys when missing. Returns the API keys
 * issued now, by organisation (none for a registry that already existed).
 * @throws ConfigError, Error (as gatewayConfig; file system errors)
 */
export async function writeGatewayFiles(
  cfg: ResolvedConfig,
  programs: Pick<FabricPrograms, 'caClient'>,
  ids: IssuedIdentities,
  now: Date,
): Promise<Record<string, Record<string, string>>> {
  const orgs = peerOrgs(cfg);
  const configs = orgs.map((org) => {
    mkdirSync(gatewayFiles(cfg, org.name).identitiesDir, { recursive: true, mode: 0o700 });
    return { org, config: gatewayConfig(cfg, programs, ids, org.name) };
  });
  writePseudonymKeys(cfg);
  const issued: Record<string, Record<string, string>> = {};
  for (const { org, config } of configs) {
    const files = gatewayFiles(cfg, org.name);
    writeFileSync(files.configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    issued[org.name] = await writeCallers(cfg, ids, org, now);
  }
  await linkKeylessGateways(cfg, now);
  return issued;
}
