/**
 * The offline check of a verification receipt against the organisations'
 * CA roots: the transaction is the one the receipt names, signed by its
 * creator, whose certificate an organisation's CA issued; every endorsement
 * is a valid signature over the proposal response by a certificate an
 * organisation's CA issued; the proposal response belongs to this
 * transaction's proposal (proposal hash); and the record and endorsements
 * spelled out in the receipt are exactly those of the transaction. Whether
 * the transaction is on the ledger, and VALID, is receipt-ledger.ts.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { msp } from '@hyperledger/fabric-protos';
import { chainsToRoots } from './certificate-chain';
import { checkFabricSignature } from './ecdsa-signature';
import {
  decodeEndorsedTransaction,
  endorsedResult,
  listEndorsements,
  ReceiptError,
  type EndorsedTransaction,
  type VerificationReceipt,
} from './receipt';

/** An organisation's CA certificates (PEM), as its MSP lists them. */
export interface OrgRoots {
  readonly mspId: string;
  readonly rootCerts: readonly string[];
  readonly intermediateCerts?: readonly string[];
}

/** A signer the check accepted. */
export interface ReceiptSigner {
  readonly mspId: string;
  /** The certificate's subject (a peer or client name, never a person's). */
  readonly subject: string;
}

/** The outcome of the offline check. */
export interface ReceiptVerdict {
  readonly ok: boolean;
  /** Why the receipt is refused (empty when ok). */
  readonly problems: readonly string[];
  readonly creator?: ReceiptSigner;
  readonly endorsers: readonly ReceiptSigner[];
}

/** The signer of `identityBytes`' certificate when `signature` over `data` verifies and its MSP's CA issued it; else why not. */
function signerOf(
  who: string,
  mspId: string,
  pem: string,
  data: Uint8Array,
  signature: Uint8Array,
  trust: readonly OrgRoots[],
): ReceiptSigner | string {
  const org = trust.find((o) => o.mspId === mspId);
  if (org === undefined) return `${who}: ${mspId} is not an organisation of the network`;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    return `${who}: the certificate of ${mspId} does not parse`;
  }
  if (!chainsToRoots(cert, org.rootCerts, org.intermediateCerts))
    return `${who}: the certificate is not issued by a CA of ${mspId}`;
  const check = checkFabricSignature(cert.publicKey, data, signature);
  if (check !== 'ok') return `${who}: signature ${check}`;
  return { mspId, subject: cert.subject.replace(/\n/g, ', ') };
}

function proposalHash(tx: EndorsedTransaction): Buffer {
  return createHash('sha256')
    .update(tx.header.getChannelHeader_asU8())
    .update(tx.header.getSignatureHeader_asU8())
    .update(tx.proposalPayload)
    .digest();
}

/** The problems of the endorsements; the endorsers accepted. */
function checkEndorsements(
  tx: EndorsedTransaction,
  trust: readonly OrgRoots[],
): { problems: string[]; endorsers: ReceiptSigner[] } {
  const problems: string[] = [];
  const endorsers: ReceiptSigner[] = [];
  if (tx.endorsements.length === 0) problems.push('the transaction carries no endorsement');
  tx.endorsements.forEach((endorsement, i) => {
    const endorserBytes = endorsement.getEndorser_asU8();
    const endorser = msp.SerializedIdentity.deserializeBinary(endorserBytes);
    const signer = signerOf(
      `endorsement ${i}`,
      endorser.getMspid(),
      Buffer.from(endorser.getIdBytes_asU8()).toString('utf8'),
      Buffer.concat([tx.responsePayloadBytes, endorserBytes]),
      endorsement.getSignature_asU8(),
      trust,
    );
    if (typeof signer === 'string') problems.push(signer);
    else endorsers.push(signer);
  });
  return { problems, endorsers };
}

/** What the receipt spells out that differs from its transaction. */
function statedDifferences(receipt: VerificationReceipt, tx: EndorsedTransaction): string[] {
  const problems: string[] = [];
  const txId = tx.channelHeader.getTxId();
  if (txId !== receipt.txId)
    problems.push(`the receipt names transaction ${receipt.txId}, the transaction is ${txId}`);
  const status = tx.action.getResponse()?.getStatus() ?? 0;
  if (status >= 400) problems.push(`the chaincode answered status ${status}`);
  let result: unknown;
  try {
    result = endorsedResult(tx);
  } catch (err) {
    return [...problems, (err as Error).message];
  }
  if (!isDeepStrictEqual(result, receipt.record))
    problems.push('the record differs from the result the peers endorsed');
  if (!isDeepStrictEqual(listEndorsements(tx), receipt.endorsements))
    problems.push('the endorsements listed differ from those in the transaction');
  return problems;
}

/** Checks a receipt offline against the organisations' CA certificates. Never throws. */
export function checkReceipt(receipt: VerificationReceipt, trust: readonly OrgRoots[]): ReceiptVerdict {
  let tx: EndorsedTransaction;
  try {
    tx = decodeEndorsedTransaction(Buffer.from(receipt.transaction, 'base64'));
  } catch (err) {
    const reason = err instanceof ReceiptError ? err.message : String(err);
    return { ok: false, problems: [reason], endorsers: [] };
  }
  const problems = statedDifferences(receipt, tx);
  const creator = signerOf(
    'creator',
    tx.creator.getMspid(),
    Buffer.from(tx.creator.getIdBytes_asU8()).toString('utf8'),
    tx.envelope.getPayload_asU8(),
    tx.envelope.getSignature_asU8(),
    trust,
  );
  if (typeof creator === 'string') problems.push(creator);
  if (!proposalHash(tx).equals(tx.responsePayload.getProposalHash_asU8()))
    problems.push('the endorsed proposal response is not for this transaction (proposal hash)');
  const endorsements = checkEndorsements(tx, trust);
  problems.push(...endorsements.problems);
  return {
    ok: problems.length === 0,
    problems,
    ...(typeof creator === 'string' ? {} : { creator }),
    endorsers: endorsements.endorsers,
  };
}
