/**
 * The bench's callers straight through @hyperledger/fabric-gateway (no REST
 * gateway): one gRPC connection per configured identity to its own
 * organisation's first peer, and a submit that waits for the commit and
 * fails on any validation code other than VALID.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, StatusCode, type Contract, type Gateway } from '@hyperledger/fabric-gateway';
import { nodeTlsFiles, peerNodes, type IssuedIdentities, type ResolvedConfig } from '@idcard/network';

/** Contracts of one chaincode as one identity. */
export interface DirectCaller {
  contract(chaincode: string, contractName?: string): Contract;
}

/** Direct callers by identity name, closed together. */
export interface DirectCallers {
  as(identity: string): DirectCaller;
  close(): void;
}

/** Opens connections lazily, one per identity, until `close`. */
export function directCallers(cfg: ResolvedConfig, ids: IssuedIdentities): DirectCallers {
  const open = new Map<string, { gateway: Gateway; client: grpc.Client }>();
  const connectAs = (identity: string): Gateway => {
    const existing = open.get(identity);
    if (existing !== undefined) return existing.gateway;
    const enrolled = ids.clients.get(identity);
    if (enrolled === undefined) throw new Error(`client identity ${identity} was not issued`);
    const peer = peerNodes(cfg).find((p) => p.mspId === enrolled.mspId);
    if (peer === undefined) throw new Error(`no peer of ${enrolled.mspId}`);
    const client = new grpc.Client(
      `${peer.host}:${String(peer.port)}`,
      grpc.credentials.createSsl(readFileSync(nodeTlsFiles(peer).ca)),
      { 'grpc.ssl_target_name_override': peer.name, 'grpc.keepalive_time_ms': 120_000 },
    );
    const gateway = connect({
      client,
      identity: { mspId: enrolled.mspId, credentials: readFileSync(enrolled.certPath) },
      signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(enrolled.keyPath))),
      hash: hash.sha256,
      evaluateOptions: () => ({ deadline: Date.now() + 10_000 }),
      endorseOptions: () => ({ deadline: Date.now() + 30_000 }),
      submitOptions: () => ({ deadline: Date.now() + 10_000 }),
      commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
    });
    open.set(identity, { gateway, client });
    return gateway;
  };
  return {
    as: (identity) => ({
      contract: (chaincode, contractName) =>
        connectAs(identity).getNetwork(cfg.channel).getContract(chaincode, contractName),
    }),
    close() {
      for (const { gateway, client } of open.values()) {
        gateway.close();
        client.close();
      }
      open.clear();
    },
  };
}

/**
 * Endorses, submits and waits for the commit; returns the result text.
 * @throws Error when the transaction committed with another code than VALID, and fabric-gateway's errors
 */
export async function submitCommitted(
  contract: Contract,
  name: string,
  args: readonly string[],
  endorsingOrganizations?: readonly string[],
): Promise<string> {
  const submitted = await contract.submitAsync(name, {
    arguments: [...args],
    ...(endorsingOrganizations === undefined ? {} : { endorsingOrganizations: [...endorsingOrganizations] }),
  });
  const status = await submitted.getStatus();
  if (status.code !== StatusCode.VALID)
    throw new Error(`${name} committed with validation code ${String(status.code)}`);
  return Buffer.from(submitted.getResult()).toString('utf8');
}

/**
 * A start-up submit, retried with backoff while the network is still
 * forming (endorsers not yet known or not yet connected to the chaincode
 * server), until `timeoutMs`.
 * @throws the last error after `timeoutMs`
 */
export async function submitWhenReady(
  contract: Contract,
  name: string,
  args: readonly string[],
  endorsingOrganizations?: readonly string[],
  timeoutMs = 60_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let delay = 500;
  for (;;) {
    try {
      return await submitCommitted(contract, name, args, endorsingOrganizations);
    } catch (err) {
      if (Date.now() + delay > deadline) throw err;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 4000);
    }
  }
}
