/**
 * The LedgerClient port over @hyperledger/fabric-gateway: one gRPC
 * connection per peer shared by all callers, a Gateway per (peer, caller
 * identity) so every transaction is signed as its caller, failover to the
 * next peer when one is unavailable (for a submit: the same signed
 * transaction through another peer), a concurrency guard with a share per
 * caller, submit with retry,
 * and endorsing organisations per docs/transactions.md.
 */
import { connect, type Contract, type Gateway } from '@hyperledger/fabric-gateway';
import { gateway as gatewayProtos } from '@hyperledger/fabric-protos';
import { MSP_IDS } from '@idcard/common';
import type {
  Committed,
  EventsOptions,
  LedgerClient,
  LedgerEvent,
  LedgerIdentity,
  Readiness,
} from '../ledger/ledger-client';
import { ChaincodeError, LedgerProtocolError, LedgerUnavailableError } from '../ledger/ledger-errors';
import {
  TRANSACTIONS,
  encodeArguments,
  type QueryName,
  type SubmitName,
  type TransactionName,
  type TxArgs,
  type TxResult,
} from '../ledger/transactions';
import { createConcurrencyGuard } from './concurrency-guard';
import { isReachable, openPeerConnections, type PeerConnection, type PeerEndpoint } from './connections';
import { deadlineOptions, type Deadlines } from './deadlines';
import { mapLedgerError } from './error-mapping';
import { positionedEvents } from './event-source';
import { createIdentityCache } from './identities';
import { failoverTransaction } from './signed-transaction';
import { submitWithRetry, type EndorsedTransaction, type RetryPolicy } from './submit-with-retry';

/** Options of the Fabric ledger client (the `fabric` section of the config). */
export interface FabricLedgerOptions {
  readonly channel: string;
  readonly chaincode: string;
  readonly peers: readonly PeerEndpoint[];
  readonly keepaliveMs: number;
  readonly keepaliveTimeoutMs?: number;
  readonly deadlinesMs: Deadlines;
  readonly maxConcurrent: number;
  readonly maxQueued: number;
  /** One caller's share of maxConcurrent (default: all of it). */
  readonly maxConcurrentPerCaller?: number;
  /** One caller's waiting calls before it is refused as busy (default: maxQueued). */
  readonly maxQueuedPerCaller?: number;
  readonly retry: Omit<RetryPolicy, 'sleep'>;
  /** Identity the readiness probe asks the chaincode with. */
  readonly probeIdentity: Omit<LedgerIdentity, 'id'>;
}

/** Endorsers of writes to keys with agency key-level policies. */
const AGENCY_ENDORSERS = [MSP_IDS.publicSecurity, MSP_IDS.bigDataBureau];
/** A unit id that is never registered: GetUnit answers NOT_FOUND, proving the chaincode runs. */
const PROBE_UNIT = 'READINESS-PROBE';

function parseResult<N extends TransactionName>(name: N, bytes: Uint8Array, txId?: string): TxResult<N> {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as TxResult<N>;
  } catch (err) {
    throw new LedgerProtocolError(`${name} returned a result that is not JSON`, {
      cause: err,
      ...(txId ? { transactionId: txId } : {}),
    });
  }
}

/** The signed envelope inside a fabric-gateway PreparedTransaction (undefined when it has none). */
function committedEnvelope(prepared: Uint8Array): Uint8Array | undefined {
  return gatewayProtos.PreparedTransaction.deserializeBinary(prepared).getEnvelope()?.serializeBinary();
}

/**
 * Creates the client. Connections are lazy: nothing is dialled until the
 * first call.
 * @throws Error when a peer's TLS CA file cannot be read
 */
export function createFabricLedgerClient(options: FabricLedgerOptions): LedgerClient {
  const connections: PeerConnection[] = openPeerConnections(
    options.peers,
    options.keepaliveMs,
    options.keepaliveTimeoutMs,
  );
  const identities = createIdentityCache();
  const gateways = new Map<string, Gateway>();
  const guard = createConcurrencyGuard({
    maxConcurrent: options.maxConcurrent,
    maxQueued: options.maxQueued,
    ...(options.maxConcurrentPerCaller === undefined
      ? {}
      : { perCallerConcurrent: options.maxConcurrentPerCaller }),
    ...(options.maxQueuedPerCaller === undefined ? {} : { perCallerQueued: options.maxQueuedPerCaller }),
  });
  const callOptions = deadlineOptions(options.deadlinesMs);
  let preferred = 0;

  const gatewayFor = (peerIndex: number, identity: LedgerIdentity): Gateway => {
    const key = `${peerIndex}|${identity.id}`;
    let gateway = gateways.get(key);
    const connection = connections[peerIndex];
    if (!gateway && connection) {
      const material = identities.get(identity);
      gateway = connect({ client: connection.client, ...material, ...callOptions });
      gateways.set(key, gateway);
    }
    if (!gateway) throw new Error(`no peer ${peerIndex}`);
    return gateway;
  };
  const contractFor = (peerIndex: number, identity: LedgerIdentity, name: TransactionName): Contract =>
    gatewayFor(peerIndex, identity)
      .getNetwork(options.channel)
      .getContract(options.chaincode, TRANSACTIONS[name].contract);

  /** Every peer index, starting at `start`. */
  const failoverOrder = (start: number): number[] =>
    connections.map((_, i) => (start + i) % connections.length);

  /** Runs `call` on the preferred peer, then the others while peers are unavailable. */
  const withFailover = async <T>(call: (peerIndex: number) => Promise<T>): Promise<T> => {
    const order = failoverOrder(preferred);
    let last: unknown = new LedgerUnavailableError('no peer configured');
    for (const peerIndex of order) {
      try {
        const value = await call(peerIndex);
        preferred = peerIndex;
        return value;
      } catch (err) {
        const mapped = mapLedgerError(err);
        if (!(mapped instanceof LedgerUnavailableError)) throw mapped;
        last = mapped;
      }
    }
    throw last;
  };

  const endorse = (identity: LedgerIdentity, name: SubmitName, args: string[]) =>
    withFailover(async (peerIndex): Promise<EndorsedTransaction> => {
      const proposal = contractFor(peerIndex, identity, name).newProposal(name, {
        arguments: args,
        ...(TRANSACTIONS[name].endorsement === 'agencies'
          ? { endorsingOrganizations: AGENCY_ENDORSERS }
          : {}),
      });
      const transaction = await proposal.endorse();
      return failoverTransaction(transaction, {
        order: failoverOrder(peerIndex),
        transactionOn: (other, bytes) => gatewayFor(other, identity).newTransaction(bytes),
        commitOn: (other, bytes) => gatewayFor(other, identity).newCommit(bytes),
      });
    });

  const client: LedgerClient = {
    evaluate<N extends QueryName>(identity: LedgerIdentity, name: N, args: TxArgs<N>): Promise<TxResult<N>> {
      return guard.run(identity.id, () =>
        withFailover(async (peerIndex) => {
          const bytes = await contractFor(peerIndex, identity, name).evaluate(name, {
            arguments: encodeArguments(name, args),
          });
          return parseResult(name, bytes);
        }),
      );
    },

    submit<N extends SubmitName>(
      identity: LedgerIdentity,
      name: N,
      args: TxArgs<N>,
    ): Promise<Committed<TxResult<N>>> {
      const encoded = encodeArguments(name, args);
      return guard.run(identity.id, async () => {
        const outcome = await submitWithRetry(
          { endorse: () => endorse(identity, name, encoded) },
          options.retry,
        );
        return {
          result: parseResult(name, outcome.result, outcome.transactionId),
          txId: outcome.transactionId,
          blockNumber: Number(outcome.blockNumber),
          envelope: committedEnvelope(outcome.preparedTransaction),
        };
      });
    },

    events(identity: LedgerIdentity, eventsOptions: EventsOptions): AsyncIterable<LedgerEvent> {
      return positionedEvents(
        (startBlock) =>
          withFailover((peerIndex) =>
            gatewayFor(peerIndex, identity)
              .getNetwork(options.channel)
              .getChaincodeEvents(options.chaincode, startBlock === undefined ? {} : { startBlock }),
          ),
        eventsOptions,
      );
    },

    async readiness(): Promise<Readiness> {
      const peers = await Promise.all(
        connections.map(async (c) => ({ name: c.peer.name, reachable: await isReachable(c, 2_000) })),
      );
      let chaincode = false;
      if (peers.some((p) => p.reachable)) {
        try {
          await client.evaluate({ id: '__readiness-probe', ...options.probeIdentity }, 'GetUnit', {
            unitId: PROBE_UNIT,
          });
          chaincode = true;
        } catch (err) {
          chaincode = err instanceof ChaincodeError;
        }
      }
      return { ready: chaincode, peers, chaincode };
    },

    async close(): Promise<void> {
      await guard.drain();
      for (const gateway of gateways.values()) gateway.close();
      gateways.clear();
      for (const connection of connections) connection.client.close();
    },
  };
  return client;
}
