/**
 * The channel configuration (configtx.yaml) of the one application channel,
 * built from the network config, and its genesis block made by configtxgen.
 * Under the V3_0 channel capability orderer endpoints belong to the orderer
 * organisation (`OrdererEndpoints`) and anchor peers go straight into the
 * genesis block, so no channel update follows.
 */
import { MSP_IDS } from '@idcard/common';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { orderingTunables, type ResolvedConfig } from './config';
import { NetworkError, runCommand } from '@idcard/ca-client';
import type { FabricPrograms } from './fabric-programs';
import type { IssuedIdentities } from './identities';
import { orgPaths } from './identities';
import { dataPaths, ordererNodes, ordererOrg, peerNodes, peerOrgs } from './topology';

/** Name of the one profile in the generated configtx.yaml. */
export const CHANNEL_PROFILE = 'IdcardChannel';

type Policy = { readonly Type: 'Signature' | 'ImplicitMeta'; readonly Rule: string };
type Policies = Readonly<Record<string, Policy>>;

const sig = (rule: string): Policy => ({ Type: 'Signature', Rule: rule });
const meta = (rule: string): Policy => ({ Type: 'ImplicitMeta', Rule: rule });

/** The standard Readers/Writers/Admins trio of a config level. */
const IMPLICIT_POLICIES: Policies = {
  Readers: meta('ANY Readers'),
  Writers: meta('ANY Writers'),
  Admins: meta('MAJORITY Admins'),
};

/** Where the channel artefacts of a config go. */
export function channelPaths(cfg: ResolvedConfig): { configtxDir: string; configtx: string; block: string } {
  const dir = dataPaths(cfg).channel;
  return { configtxDir: dir, configtx: join(dir, 'configtx.yaml'), block: join(dir, `${cfg.channel}.block`) };
}

/** Policies of a peer organisation, by NodeOUs role. */
export function peerOrgPolicies(mspId: string): Policies {
  return {
    Readers: sig(`OR('${mspId}.admin', '${mspId}.peer', '${mspId}.client')`),
    Writers: sig(`OR('${mspId}.admin', '${mspId}.client')`),
    Admins: sig(`OR('${mspId}.admin')`),
    Endorsement: sig(`OR('${mspId}.peer')`),
  };
}

/**
 * The channel's application policies (DESIGN §2 governance): changing the
 * application configuration (Admins) or committing a chaincode definition
 * (LifecycleEndorsement) needs both agencies, PublicSecurityMSP and
 * BigDataBureauMSP, whatever the other organisations sign; the default
 * chaincode endorsement needs both agencies' peers. A majority rule would let
 * the relying units' consortium and one agency change the rules alone.
 */
export function applicationPolicies(): Policies {
  const both = (role: string): string =>
    `AND('${MSP_IDS.publicSecurity}.${role}', '${MSP_IDS.bigDataBureau}.${role}')`;
  return {
    Readers: meta('ANY Readers'),
    Writers: meta('ANY Writers'),
    Admins: sig(both('admin')),
    LifecycleEndorsement: sig(both('member')),
    Endorsement: sig(both('peer')),
  };
}

/** Policies of the orderer organisation. */
export function ordererOrgPolicies(mspId: string): Policies {
  return {
    Readers: sig(`OR('${mspId}.member')`),
    Writers: sig(`OR('${mspId}.member')`),
    Admins: sig(`OR('${mspId}.admin')`),
  };
}

function ordererOrgSection(cfg: ResolvedConfig): Record<string, unknown> {
  const org = ordererOrg(cfg);
  return {
    Name: org.mspId,
    ID: org.mspId,
    MSPDir: orgPaths(cfg, org.name).msp,
    Policies: ordererOrgPolicies(org.mspId),
    OrdererEndpoints: ordererNodes(cfg).map((n) => `${n.host}:${n.port}`),
  };
}

function peerOrgSections(cfg: ResolvedConfig): Record<string, unknown>[] {
  return peerOrgs(cfg).map((org) => {
    const anchor = peerNodes(cfg).find((n) => n.org === org.name);
    return {
      Name: org.mspId,
      ID: org.mspId,
      MSPDir: orgPaths(cfg, org.name).msp,
      Policies: peerOrgPolicies(org.mspId),
      AnchorPeers: anchor ? [{ Host: anchor.host, Port: anchor.port }] : [],
    };
  });
}

function tlsCert(identities: IssuedIdentities, node: string): string {
  const id = identities.nodes.get(node);
  if (id?.tlsDir === undefined) throw new Error(`no TLS certificate issued for ${node}`);
  return join(id.tlsDir, 'signcerts', 'cert.pem');
}

function consensusSection(cfg: ResolvedConfig, identities: IssuedIdentities): Record<string, unknown> {
  const nodes = ordererNodes(cfg);
  const ordering = orderingTunables(cfg);
  if (cfg.consensus === 'raft') {
    return {
      OrdererType: 'etcdraft',
      EtcdRaft: {
        Consenters: nodes.map((n) => ({
          Host: n.host,
          Port: n.port,
          ClientTLSCert: tlsCert(identities, n.name),
          ServerTLSCert: tlsCert(identities, n.name),
        })),
        Options: {
          TickInterval: '500ms',
          ElectionTick: 10,
          HeartbeatTick: 1,
          MaxInflightBlocks: 5,
          SnapshotIntervalSize: '16 MB',
        },
      },
    };
  }
  return {
    OrdererType: 'BFT',
    ConsenterMapping: nodes.map((n, i) => {
      const id = identities.nodes.get(n.name);
      if (!id) throw new Error(`no identity issued for ${n.name}`);
      return {
        ID: i + 1,
        Host: n.host,
        Port: n.port,
        MSPID: n.mspId,
        Identity: id.certPath,
        ClientTLSCert: tlsCert(identities, n.name),
        ServerTLSCert: tlsCert(identities, n.name),
      };
    }),
    // SmartBFT cuts blocks by its own request batch: keep it in step with BatchSize/BatchTimeout.
    SmartBFT: {
      RequestBatchMaxCount: ordering.maxMessageCount,
      RequestBatchMaxBytes: ordering.absoluteMaxBytes,
      RequestBatchMaxInterval: ordering.batchTimeout,
      IncomingMessageBufferSize: 200,
      RequestPoolSize: 100000,
      RequestForwardTimeout: '2s',
      RequestComplainTimeout: '20s',
      RequestAutoRemoveTimeout: '3m0s',
      ViewChangeResendInterval: '5s',
      ViewChangeTimeout: '20s',
      LeaderHeartbeatTimeout: '1m0s',
      LeaderHeartbeatCount: 10,
      CollectTimeout: '1s',
    },
  };
}

/**
 * The configtx.yaml object for the config's channel: one profile holding the
 * orderer organisation, every peer organisation and the consensus section.
 * Certificates are referenced by absolute path, so it needs `identities`
 * issued first.
 */
export function buildConfigtx(cfg: ResolvedConfig, identities: IssuedIdentities): Record<string, unknown> {
  const ordering = orderingTunables(cfg);
  const capabilities = {
    Channel: { V3_0: true },
    Orderer: { V2_0: true },
    Application: { V2_5: true },
  };
  const orderer = {
    ...consensusSection(cfg, identities),
    BatchTimeout: ordering.batchTimeout,
    BatchSize: {
      MaxMessageCount: ordering.maxMessageCount,
      AbsoluteMaxBytes: ordering.absoluteMaxBytes,
      PreferredMaxBytes: ordering.preferredMaxBytes,
    },
    Organizations: [ordererOrgSection(cfg)],
    // configtxgen requires BlockValidation; under BFT it replaces it with the consenters' signature rule.
    Policies: { ...IMPLICIT_POLICIES, BlockValidation: meta('ANY Writers') },
    Capabilities: capabilities.Orderer,
  };
  const application = {
    Organizations: peerOrgSections(cfg),
    Policies: applicationPolicies(),
    Capabilities: capabilities.Application,
  };
  return {
    Capabilities: capabilities,
    Profiles: {
      [CHANNEL_PROFILE]: {
        Policies: IMPLICIT_POLICIES,
        Capabilities: capabilities.Channel,
        Orderer: orderer,
        Application: application,
      },
    },
  };
}

/** configtx.yaml text: no anchors (every section written out) and no folded lines. */
export function configtxYaml(cfg: ResolvedConfig, identities: IssuedIdentities): string {
  return stringify(buildConfigtx(cfg, identities), { aliasDuplicateObjects: false, lineWidth: 0 });
}

/** configtxgen arguments that write the genesis block to `outputBlock`. */
export function configtxgenArgs(cfg: ResolvedConfig, outputBlock = channelPaths(cfg).block): string[] {
  return [
    '-configPath',
    channelPaths(cfg).configtxDir,
    '-profile',
    CHANNEL_PROFILE,
    '-outputBlock',
    outputBlock,
    '-channelID',
    cfg.channel,
  ];
}

/**
 * Writes configtx.yaml and makes the channel's genesis block, unless the
 * block exists already (re-running `up` never recreates the channel).
 * Returns the block path.
 * @throws NetworkError PROCESS_FAILED when configtxgen fails.
 */
export async function createGenesisBlock(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  identities: IssuedIdentities,
): Promise<string> {
  const paths = channelPaths(cfg);
  if (existsSync(paths.block)) return paths.block;
  mkdirSync(paths.configtxDir, { recursive: true });
  writeFileSync(paths.configtx, configtxYaml(cfg, identities));
  const tmpBlock = `${paths.block}.tmp`;
  const res = await runCommand(programs.configtxgen, configtxgenArgs(cfg, tmpBlock), {
    cwd: paths.configtxDir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', FABRIC_CFG_PATH: paths.configtxDir },
    timeoutMs: 60_000,
  });
  if (res.code !== 0) {
    throw new NetworkError(
      'PROCESS_FAILED',
      `configtxgen could not make the genesis block of ${cfg.channel}`,
      res.stderr.trim().split('\n').slice(-4),
    );
  }
  renameSync(tmpBlock, paths.block);
  return paths.block;
}
