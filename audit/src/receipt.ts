/**
 * Verification receipts: what a relying unit keeps of a verification and
 * can show an auditor. The committed transaction itself (a common.Envelope,
 * signed by the unit's identity, carrying the endorsing peers' signatures
 * and certificates) is the evidence; the transaction id, block number, the
 * endorsed record and the endorsements are spelled out beside it for the
 * reader, and a check holds them to the transaction. Nothing personal: the
 * transaction is on the ledger, which holds pseudonymous references only.
 */
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { AuditError } from './audit-errors';

/** The `kind` of a receipt file. */
export const RECEIPT_KIND = 'idcard-verification-receipt';
/** Format version; a receipt of another version is refused. */
export const RECEIPT_VERSION = 1;

/** One endorsing peer's signature and certificate. */
export interface ReceiptEndorsement {
  readonly mspId: string;
  /** The peer's certificate (PEM). */
  readonly certificate: string;
  /** Base64 of the signature over proposal_response_payload || endorser. */
  readonly signature: string;
}

/** A verification receipt (JSON). */
export interface VerificationReceipt {
  readonly kind: typeof RECEIPT_KIND;
  readonly version: typeof RECEIPT_VERSION;
  readonly txId: string;
  readonly blockNumber: number;
  /** The chaincode's result as the peers endorsed it: the verification record (a batch: its records). */
  readonly record: unknown;
  readonly endorsements: readonly ReceiptEndorsement[];
  /** Base64 of the committed transaction envelope. */
  readonly transaction: string;
}

/** A receipt that cannot be read, or a transaction that is not an endorsed chaincode transaction. */
export class ReceiptError extends AuditError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('RECEIPT', message, options);
    this.name = 'ReceiptError';
  }
}

/** An endorser transaction, decoded down to what a receipt rests on. */
export interface EndorsedTransaction {
  readonly envelope: common.Envelope;
  readonly header: common.Header;
  readonly channelHeader: common.ChannelHeader;
  readonly creator: msp.SerializedIdentity;
  /** The chaincode proposal payload as committed (transient data removed). */
  readonly proposalPayload: Uint8Array;
  readonly responsePayloadBytes: Uint8Array;
  readonly responsePayload: peer.ProposalResponsePayload;
  readonly action: peer.ChaincodeAction;
  readonly endorsements: readonly peer.Endorsement[];
}

/**
 * Decodes an endorser transaction envelope.
 * @throws ReceiptError when it does not decode or is not an endorser transaction with one action
 */
export function decodeEndorsedTransaction(bytes: Uint8Array): EndorsedTransaction {
  try {
    const envelope = common.Envelope.deserializeBinary(bytes);
    const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
    const header = payload.getHeader() ?? new common.Header();
    const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
    if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION)
      throw new ReceiptError(
        `the transaction is of type ${String(channelHeader.getType())}, not an endorser transaction`,
      );
    const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
    const actions = peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList();
    const [first] = actions;
    if (first === undefined || actions.length !== 1)
      throw new ReceiptError(`the transaction has ${actions.length} actions, not one`);
    const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(first.getPayload_asU8());
    const endorsed = actionPayload.getAction() ?? new peer.ChaincodeEndorsedAction();
    const responsePayloadBytes = endorsed.getProposalResponsePayload_asU8();
    const responsePayload = peer.ProposalResponsePayload.deserializeBinary(responsePayloadBytes);
    return {
      envelope,
      header,
      channelHeader,
      creator: msp.SerializedIdentity.deserializeBinary(signatureHeader.getCreator_asU8()),
      proposalPayload: actionPayload.getChaincodeProposalPayload_asU8(),
      responsePayloadBytes,
      responsePayload,
      action: peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8()),
      endorsements: endorsed.getEndorsementsList(),
    };
  } catch (err) {
    if (err instanceof ReceiptError) throw err;
    throw new ReceiptError('the transaction does not decode', { cause: err });
  }
}

/** The endorsements of a transaction as a receipt lists them. */
export function listEndorsements(tx: EndorsedTransaction): ReceiptEndorsement[] {
  return tx.endorsements.map((e) => {
    const endorser = msp.SerializedIdentity.deserializeBinary(e.getEndorser_asU8());
    return {
      mspId: endorser.getMspid(),
      certificate: Buffer.from(endorser.getIdBytes_asU8()).toString('utf8'),
      signature: Buffer.from(e.getSignature_asU8()).toString('base64'),
    };
  });
}

/**
 * The chaincode's result in a transaction, parsed as JSON.
 * @throws ReceiptError when it is not JSON
 */
export function endorsedResult(tx: EndorsedTransaction): unknown {
  const bytes = tx.action.getResponse()?.getPayload_asU8() ?? new Uint8Array();
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (err) {
    throw new ReceiptError('the endorsed result is not JSON', { cause: err });
  }
}

/**
 * The receipt of a committed verification transaction.
 * @throws ReceiptError when the envelope is not an endorsed chaincode transaction with a JSON result
 */
export function buildReceipt(txId: string, blockNumber: number, envelope: Uint8Array): VerificationReceipt {
  const tx = decodeEndorsedTransaction(envelope);
  return {
    kind: RECEIPT_KIND,
    version: RECEIPT_VERSION,
    txId,
    blockNumber,
    record: endorsedResult(tx),
    endorsements: listEndorsements(tx),
    transaction: Buffer.from(envelope).toString('base64'),
  };
}

const TX_ID = /^[0-9a-f]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function isEndorsement(value: unknown): value is ReceiptEndorsement {
  const e = value as Partial<ReceiptEndorsement> | null;
  return typeof e?.mspId === 'string' && typeof e.certificate === 'string' && typeof e.signature === 'string';
}

/** What is wrong with the identification fields of a receipt, if anything. */
function headProblem(r: Partial<VerificationReceipt>): string | undefined {
  if (r.kind !== RECEIPT_KIND) return `kind is not '${RECEIPT_KIND}'`;
  if (r.version !== RECEIPT_VERSION) return `version is not ${RECEIPT_VERSION}`;
  if (typeof r.txId !== 'string' || !TX_ID.test(r.txId)) return 'txId is not 64 hex digits';
  if (typeof r.blockNumber !== 'number' || !Number.isSafeInteger(r.blockNumber) || r.blockNumber < 0)
    return 'blockNumber is not a block number';
  return undefined;
}

/** What is wrong with the evidence fields of a receipt, if anything. */
function bodyProblem(r: Partial<VerificationReceipt>): string | undefined {
  if (typeof r.record !== 'object' || r.record === null) return 'record is not an object';
  if (!Array.isArray(r.endorsements) || !r.endorsements.every(isEndorsement))
    return 'endorsements is not a list of { mspId, certificate, signature }';
  if (typeof r.transaction !== 'string' || r.transaction === '' || !BASE64.test(r.transaction))
    return 'transaction is not base64';
  return undefined;
}

/**
 * Reads a receipt from its JSON text, checking its shape (not its signatures).
 * @throws ReceiptError naming what is wrong
 */
export function parseReceipt(text: string): VerificationReceipt {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ReceiptError('the receipt is not JSON', { cause: err });
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new ReceiptError('not a verification receipt: not an object');
  const r = parsed as Partial<VerificationReceipt>;
  const problem = headProblem(r) ?? bodyProblem(r);
  if (problem !== undefined) throw new ReceiptError(`not a verification receipt: ${problem}`);
  return r as VerificationReceipt;
}
