/**
 * A verification the peers endorsed and the unit signed but that was never
 * sent to ordering: every signature in a receipt built from it is genuine,
 * yet its transaction is not on the ledger. Made with fabric-gateway as the
 * unit's own client would make it (offline signing of the prepared
 * transaction), for an unknown eID token so nothing is learnt about a card.
 */
import { createPrivateKey, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { signers } from '@hyperledger/fabric-gateway';
import { gateway as gatewayProtos } from '@hyperledger/fabric-protos';
import { MSP_IDS } from '@idcard/common';
import { encodeArguments, TRANSACTIONS } from '@idcard/gateway';
import { identityDir, peerNodes, readIdentity, type ResolvedConfig } from '@idcard/network';
import { connectAs } from './fabric-client';

/**
 * Endorses and signs a `VerifyEidToken` as the relying-party client `clientName`, without submitting it.
 * @throws Error when the client is not enrolled or the peers refuse to endorse
 */
export async function endorsedUnsentVerification(
  cfg: ResolvedConfig,
  clientName: string,
): Promise<{ txId: string; envelope: Uint8Array }> {
  const identity = readIdentity(
    identityDir(cfg, 'relyingparty', clientName),
    clientName,
    MSP_IDS.relyingParty,
  );
  const [peer] = peerNodes(cfg);
  if (identity === undefined || peer === undefined)
    throw new Error(`${clientName} is not enrolled, or no peer`);
  const client = connectAs(cfg, peer, identity);
  try {
    const name = 'VerifyEidToken';
    const unsigned = await client
      .contract(TRANSACTIONS[name].contract)
      .newProposal(name, {
        arguments: encodeArguments(name, {
          requestId: `unsent-${randomBytes(8).toString('hex')}`,
          purpose: 'LIBRARY_MEMBERSHIP',
          tokenHash: randomBytes(32).toString('hex'),
        }),
      })
      .endorse();
    const sign = signers.newPrivateKeySigner(createPrivateKey(readFileSync(identity.keyPath)));
    const signed = client.gateway.newSignedTransaction(unsigned.getBytes(), await sign(unsigned.getDigest()));
    const envelope = gatewayProtos.PreparedTransaction.deserializeBinary(signed.getBytes()).getEnvelope();
    if (envelope === undefined) throw new Error('the prepared transaction has no envelope');
    return { txId: signed.getTransactionId(), envelope: envelope.serializeBinary() };
  } finally {
    client.close();
  }
}
