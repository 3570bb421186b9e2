/**
 * The AuditPort on a real network: blocks and the channel height read
 * through the gateway's own peer (its first), the world state through the
 * gateway's ledger client, both signed as the calling auditor's identity.
 * The same checks as `idcard audit receipt --online` and `idcard audit
 * replay --online`, from the audit library.
 */
import {
  BlockSourceError,
  checkReceipt,
  checkReceiptOnPeer,
  onlineBlockSource,
  peerBlockEvents,
  receiptOutcome,
  runAudit,
  type BlockSource,
  type OrgRoots,
  type PeerBlockEvents,
} from '@idcard/audit';
import type { AuditPort } from '../auditing/audit-port';
import { ledgerWorldState, type AuditQuery } from '../auditing/ledger-world-state';
import type { LedgerClient, LedgerIdentity } from '../ledger/ledger-client';
import { LedgerUnavailableError } from '../ledger/ledger-errors';
import { openChannelNetwork } from './channel-network';
import type { PeerEndpoint } from './connections';

/** What the adapter is built from. */
export interface FabricAuditOptions {
  readonly channel: string;
  readonly chaincode: string;
  /** The gateway's peers; the first is read. */
  readonly peers: readonly PeerEndpoint[];
  readonly keepaliveMs: number;
  /** Deadline of the channel height query. */
  readonly evaluateDeadlineMs: number;
  /** The gateway's ledger client (world-state queries). */
  readonly ledger: LedgerClient;
  /** Every organisation's CA certificates. */
  readonly trust: readonly OrgRoots[];
}

/** Counts reads through `onRead`, and remembers whether it refused one (to rethrow what the audit caught). */
class ReadGate {
  #refusal: { readonly error: unknown } | undefined;
  constructor(readonly onRead: (() => void) | undefined) {}

  read(): void {
    if (this.#refusal !== undefined) throw this.#refusal.error;
    try {
      this.onRead?.();
    } catch (error) {
      this.#refusal = { error };
      throw error;
    }
  }

  /** @throws what `onRead` threw, if it threw */
  rethrow(): void {
    if (this.#refusal !== undefined) throw this.#refusal.error;
  }
}

function gatedSource(source: BlockSource, gate: ReadGate): BlockSource {
  return {
    async *blocks(startBlock) {
      for await (const item of source.blocks(startBlock)) {
        if (item.kind === 'block') gate.read();
        yield item;
      }
    },
  };
}

/** A peer that failed to answer is the ledger unavailable; anything else as it is. */
function translated(err: unknown): unknown {
  return err instanceof BlockSourceError ? new LedgerUnavailableError(err.message, { cause: err }) : err;
}

/**
 * The adapter. Each call opens its own connection to the peer (lazily) and
 * closes it; the identity's files are read when a call connects.
 * @throws Error when no peer is given
 */
export function createFabricAudit(options: FabricAuditOptions): AuditPort {
  const [peer] = options.peers;
  if (peer === undefined) throw new Error('the audit adapter needs a peer');

  /** Runs `use` over the channel's blocks as `identity`, then closes the connection. */
  const withBlocks = async <T>(
    identity: LedgerIdentity,
    use: (blocks: PeerBlockEvents) => Promise<T>,
  ): Promise<T> => {
    const channel = openChannelNetwork({
      peer,
      identity,
      channel: options.channel,
      keepaliveMs: options.keepaliveMs,
      evaluateDeadlineMs: options.evaluateDeadlineMs,
    });
    try {
      return await use(peerBlockEvents(channel.network, peer.name));
    } catch (err) {
      throw translated(err);
    } finally {
      channel.close();
    }
  };

  return {
    checkReceipt(identity, receipt) {
      const signatures = checkReceipt(receipt, options.trust);
      return withBlocks(identity, async (blocks) =>
        receiptOutcome(receipt, signatures, await checkReceiptOnPeer(blocks, receipt)),
      );
    },
    replay(identity, replayOptions = {}) {
      const gate = new ReadGate(replayOptions.onRead);
      const query: AuditQuery = (name, args) => {
        gate.read();
        return options.ledger.evaluate(identity, name, args);
      };
      return withBlocks(identity, async (blocks) => {
        const height = await blocks.channelHeight();
        const run = await runAudit({
          source: gatedSource(onlineBlockSource(blocks.events, { endBlock: height - 1 }), gate),
          namespace: options.chaincode,
          worldState: ledgerWorldState(query),
        });
        // A refused world-state read is reported inside the audit; the refusal is the answer.
        gate.rethrow();
        return run.report;
      });
    },
  };
}
