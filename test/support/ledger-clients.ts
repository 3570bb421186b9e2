/**
 * Direct fabric-gateway callers for suites that talk to the chaincode
 * without the HTTP gateway: one client per configured identity (connected
 * to a chosen peer), reads pinned to one organisation's peer, waiting for a
 * read to become true on a peer that is still committing, and submits that
 * ride out an ordering service electing a new leader.
 */
import { randomBytes } from 'node:crypto';
import { status as grpcStatus } from '@grpc/grpc-js';
import { StatusCode, type Contract } from '@hyperledger/fabric-gateway';
import { MSP_IDS, type BootstrapResult } from '@idcard/common';
import {
  peerNodes,
  peerOrgs,
  type IssuedIdentities,
  type NodeSpec,
  type ResolvedConfig,
} from '@idcard/network';
import { connectAs, submitAndCommit, type TestClient } from './fabric-client';

/** The organisations the gateway names for card, eID and unit writes (docs/transactions.md). */
export const AGENCIES: readonly string[] = [MSP_IDS.publicSecurity, MSP_IDS.bigDataBureau];

/** Clients by identity name, closed together. */
export interface LedgerClients {
  /** A client signing as `identity`, connected to `peerName` (default: the first peer of the identity's organisation). */
  as(identity: string, peerName?: string): TestClient;
  /** The peer named `name`. @throws Error for an unknown name */
  peer(name: string): NodeSpec;
  /** The first peer of the organisation with MSP id `mspId`. @throws Error when there is none */
  peerOf(mspId: string): NodeSpec;
  closeAll(): void;
}

/** Opens clients lazily and keeps them until `closeAll`. */
export function ledgerClients(cfg: ResolvedConfig, ids: IssuedIdentities): LedgerClients {
  const open = new Map<string, TestClient>();
  const peers = peerNodes(cfg);
  const peer = (name: string): NodeSpec => {
    const found = peers.find((p) => p.name === name);
    if (found === undefined) throw new Error(`no peer ${name} in the config`);
    return found;
  };
  const peerOf = (mspId: string): NodeSpec => {
    const found = peers.find((p) => p.mspId === mspId);
    if (found === undefined) throw new Error(`no peer of ${mspId} in the config`);
    return found;
  };
  const homeOrg = (identity: string): string => {
    const org = peerOrgs(cfg).find((o) => o.clients.some((c) => c.name === identity));
    if (org === undefined) throw new Error(`no client ${identity} in the config`);
    return org.mspId;
  };
  return {
    as(identity, peerName) {
      const target = peerName === undefined ? peerOf(homeOrg(identity)) : peer(peerName);
      const key = `${identity}@${target.name}`;
      const existing = open.get(key);
      if (existing !== undefined) return existing;
      const enrolled = ids.clients.get(identity);
      if (enrolled === undefined) throw new Error(`client identity ${identity} was not issued`);
      const client = connectAs(cfg, target, enrolled);
      open.set(key, client);
      return client;
    },
    peer,
    peerOf,
    closeAll() {
      for (const client of open.values()) client.close();
      open.clear();
    },
  };
}

/** A fresh pseudonymous reference in the chaincode's format (`<keyId>.<64 hex>`); random, so no personal data. */
export function testReference(keyId = 't1'): string {
  return `${keyId}.${randomBytes(32).toString('hex')}`;
}

/** Evaluates a query on the peers of one organisation only (fabric-gateway sends `endorsingOrganizations` as the evaluate request's target organisations). */
export async function evaluateOn<T>(
  contract: Contract,
  name: string,
  args: string[],
  mspId: string,
): Promise<T> {
  const proposal = contract.newProposal(name, { arguments: args, endorsingOrganizations: [mspId] });
  return JSON.parse(Buffer.from(await proposal.evaluate()).toString('utf8')) as T;
}

/** Evaluates a query on whatever peer the gateway picks. */
export async function evaluate<T>(contract: Contract, name: string, args: string[]): Promise<T> {
  return JSON.parse(Buffer.from(await contract.evaluateTransaction(name, ...args)).toString('utf8')) as T;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Repeats `attempt` until it returns a value that `accept` takes (a peer
 * that has not committed the block yet answers NOT_FOUND or an old state).
 * @throws Error after `timeoutMs`, carrying the last answer or error
 */
export async function eventually<T>(
  what: string,
  attempt: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await attempt();
      if (accept(value)) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not true within ${timeoutMs} ms`, { cause: last });
    await sleep(500);
  }
}

/** What a committed (or committed-invalid) transaction reports. */
export type Committed = Awaited<ReturnType<typeof submitAndCommit>>;

/**
 * Endorses, submits and waits for commit; a submit refused while the
 * ordering service has no leader (fabric-gateway's SubmitError, recognised
 * by name because the class is exported as a type only) is retried with a
 * new proposal. Returns the commit and how many attempts it took.
 * @throws the last error after `attempts` tries, and any other error at once
 */
export async function submitThroughOrdererFailover(
  contract: Contract,
  name: string,
  args: string[],
  endorsingOrganizations: readonly string[],
  attempts = 20,
): Promise<Committed & { attempts: number }> {
  for (let i = 1; ; i++) {
    try {
      return { ...(await submitAndCommit(contract, name, args, [...endorsingOrganizations])), attempts: i };
    } catch (err) {
      if (i >= attempts || (err as { name?: unknown }).name !== 'SubmitError') throw err;
      await sleep(1000);
    }
  }
}

/** gRPC codes of an endorsement refused because the network is still forming (discovery, chaincode connections). */
const NOT_YET_ENDORSABLE: ReadonlySet<number> = new Set([grpcStatus.UNAVAILABLE, grpcStatus.ABORTED]);

/**
 * A start-up submit: endorsement refusals that mean "not yet" (no endorsing
 * peer known for an organisation, endorsements not collected) are retried
 * with backoff until `timeoutMs`; anything else fails at once.
 * @throws the last error after `timeoutMs`, and any other error at once
 */
export async function submitWhenEndorsable(
  contract: Contract,
  name: string,
  args: string[],
  endorsingOrganizations: readonly string[],
  timeoutMs = 60_000,
): Promise<Committed> {
  const deadline = Date.now() + timeoutMs;
  let delay = 500;
  for (;;) {
    try {
      return await submitAndCommit(contract, name, args, [...endorsingOrganizations]);
    } catch (err) {
      const e = err as { name?: unknown; code?: unknown };
      // Not yet endorsable (discovery, chaincode connections), or not yet orderable (no Raft leader).
      const retry =
        (e.name === 'EndorseError' || e.name === 'SubmitError') &&
        typeof e.code === 'number' &&
        NOT_YET_ENDORSABLE.has(e.code);
      if (!retry || Date.now() + delay > deadline) throw err;
      await sleep(delay);
      delay = Math.min(delay * 2, 4000);
    }
  }
}

/** Runs the chaincode's `admin:Bootstrap` as `operator` (the gateway stage does this over HTTP). */
export async function bootstrapGuards(clients: LedgerClients, operator: string): Promise<BootstrapResult> {
  const committed = await submitWhenEndorsable(
    clients.as(operator).contract('admin'),
    'Bootstrap',
    [],
    AGENCIES,
  );
  if (committed.code !== StatusCode.VALID)
    throw new Error(`Bootstrap committed with validation code ${committed.code}`);
  return JSON.parse(committed.result) as BootstrapResult;
}

/** Registers a library unit allowed LIBRARY_MEMBERSHIP as `operator`, endorsed by both agencies (a unit key needs BigDataBureauMSP). */
export function registerLibrary(
  clients: LedgerClients,
  operator: string,
  unitId: string,
): Promise<Committed> {
  return submitAndCommit(
    clients.as(operator).contract('units'),
    'RegisterUnit',
    [unitId, 'LIBRARY', JSON.stringify(['LIBRARY_MEMBERSHIP']), `Test library ${unitId}`],
    [...AGENCIES],
  );
}
