/**
 * `idcard audit replay --online`: blocks from 0 (or the checkpoint) up to the
 * channel height at start, read through a peer of the auditor's organisation,
 * and the live world state read through the chaincode's queries, both signed
 * as an auditor client identity enrolled in the network data dir.
 *
 * Run against a real network by test/fabric/audit.test.ts. The world state
 * is read after the replay; transactions committed meanwhile show up as
 * differences, so audit a quiet network (or re-run).
 */
import {
  onlineBlockSource,
  peerBlockEvents,
  type BlockSource,
  type PeerBlockEvents,
  type WorldStateReader,
} from '@idcard/audit';
import {
  createFabricLedgerClient,
  ledgerWorldState,
  openChannelNetwork,
  type LedgerIdentity,
} from '@idcard/gateway';
import { identityDir, readIdentity, type ResolvedConfig } from '@idcard/network';
import { clientWithRole, peerEndpoints } from '@idcard/system';
import { AuditUsageError } from './audit-usage-error';

/** An open online audit; close it when done. */
export interface OnlineAudit {
  readonly source: BlockSource;
  readonly worldState: WorldStateReader;
  close(): Promise<void>;
}

/** Where to read, besides the network config. */
export interface OnlineAuditOptions {
  readonly channel: string;
  readonly namespace: string;
  /** Name of the auditor client in the config (default: the first auditor). */
  readonly identity?: string;
}

/**
 * The auditor identity of the config, read from the data dir.
 * @throws AuditUsageError when the config has no such auditor or it is not enrolled
 */
function auditorIdentity(cfg: ResolvedConfig, name: string | undefined): LedgerIdentity & { org: string } {
  const found = clientWithRole(cfg, 'auditor', name);
  if (found === undefined)
    throw new AuditUsageError(
      `the network config has no auditor client${name === undefined ? '' : ` '${name}'`}`,
    );
  const { org, client } = found;
  const enrolled = readIdentity(identityDir(cfg, org.name, client.name), client.name, org.mspId);
  if (enrolled === undefined)
    throw new AuditUsageError(
      `auditor '${client.name}' is not enrolled in ${cfg.dataDir} (run idcard up first)`,
    );
  return {
    id: `audit:${client.name}`,
    org: org.name,
    mspId: enrolled.mspId,
    certPath: enrolled.certPath,
    keyPath: enrolled.keyPath,
  };
}

/** The channel's blocks read through a peer as the auditor; close it when done. */
export interface AuditorBlocks {
  readonly blocks: PeerBlockEvents;
  readonly auditor: LedgerIdentity;
  /** Every peer, the auditor's organisation's first. */
  readonly peers: ReturnType<typeof peerEndpoints>;
  close(): void;
}

/**
 * Connects (lazily) to the first peer of the auditor's organisation as the auditor.
 * @throws AuditUsageError when the config has no such auditor, it is not enrolled, or there is no peer
 */
export function openAuditorBlocks(
  cfg: ResolvedConfig,
  options: Pick<OnlineAuditOptions, 'channel' | 'identity'>,
): AuditorBlocks {
  const auditor = auditorIdentity(cfg, options.identity);
  // The auditor's own organisation's peers first: its channel membership is what they check.
  const peers = peerEndpoints(cfg, auditor.org);
  const [first] = peers;
  if (first === undefined) throw new AuditUsageError('the network config has no peer');
  const channel = openChannelNetwork({ peer: first, identity: auditor, channel: options.channel });
  return {
    blocks: peerBlockEvents(channel.network, first.name),
    auditor,
    peers,
    close: () => {
      channel.close();
    },
  };
}

/**
 * Connects (lazily) and reads the channel height.
 * @throws AuditUsageError (no auditor); BlockSourceError when the peer does not answer
 */
export async function openOnlineAudit(
  cfg: ResolvedConfig,
  options: OnlineAuditOptions,
): Promise<OnlineAudit> {
  const opened = openAuditorBlocks(cfg, options);
  const { blocks, auditor, peers } = opened;
  const ledger = createFabricLedgerClient({
    channel: options.channel,
    chaincode: options.namespace,
    peers,
    keepaliveMs: 120_000,
    deadlinesMs: { evaluate: 30_000, endorse: 30_000, submit: 10_000, commitStatus: 60_000 },
    maxConcurrent: 4,
    maxQueued: 64,
    // Queries only: nothing is ever submitted.
    retry: { maxAttempts: 1, baseDelayMs: 100, maxDelayMs: 1_000, maxResubmits: 0 },
    probeIdentity: auditor,
  });
  const close = async (): Promise<void> => {
    opened.close();
    await ledger.close();
  };
  try {
    const height = await blocks.channelHeight();
    return {
      source: onlineBlockSource(blocks.events, { endBlock: height - 1 }),
      worldState: ledgerWorldState((name, args) => ledger.evaluate(auditor, name, args)),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
