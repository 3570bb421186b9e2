/**
 * A direct fabric-gateway client for tests against a real network: one gRPC
 * connection to a chosen peer, signing as a chosen enrolled identity.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Contract, type Gateway } from '@hyperledger/fabric-gateway';
import { CHAINCODE_NAME } from '@idcard/common';
import { singleFile, type EnrolledIdentity } from '@idcard/ca-client';
import type { NodeSpec, ResolvedConfig } from '@idcard/network';

/** A connected client; close it when done. */
export interface TestClient {
  readonly gateway: Gateway;
  contract(name: string): Contract;
  close(): void;
}

/** Connects to `peer` (TLS-verified against its org CA) as `identity`. */
export function connectAs(cfg: ResolvedConfig, peer: NodeSpec, identity: EnrolledIdentity): TestClient {
  const tlsCa = readFileSync(singleFile(join(peer.home, 'tls', 'tlscacerts')));
  const client = new grpc.Client(`${peer.host}:${String(peer.port)}`, grpc.credentials.createSsl(tlsCa), {
    'grpc.ssl_target_name_override': peer.name, // in the TLS certificate; an IP is no TLS server name
    'grpc.keepalive_time_ms': 120_000,
  });
  const gateway = connect({
    client,
    identity: { mspId: identity.mspId, credentials: readFileSync(identity.certPath) },
    signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(identity.keyPath))),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 10_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 30_000 }),
    submitOptions: () => ({ deadline: Date.now() + 10_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
  });
  const network = gateway.getNetwork(cfg.channel);
  return {
    gateway,
    contract: (name) => network.getContract(CHAINCODE_NAME, name),
    close: () => {
      gateway.close();
      client.close();
    },
  };
}

/** Submits a transaction endorsed by the given organisations and waits for commit. */
export async function submitAndCommit(
  contract: Contract,
  name: string,
  args: string[],
  endorsingOrganizations?: string[],
): Promise<{ result: string; blockNumber: bigint; code: number; txId: string }> {
  const proposal = contract.newProposal(name, {
    arguments: args,
    ...(endorsingOrganizations ? { endorsingOrganizations } : {}),
  });
  const tx = await proposal.endorse();
  const submitted = await tx.submit();
  const status = await submitted.getStatus();
  return {
    result: Buffer.from(submitted.getResult()).toString('utf8'),
    blockNumber: status.blockNumber,
    code: status.code,
    txId: submitted.getTransactionId(),
  };
}
