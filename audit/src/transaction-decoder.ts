/**
 * Decodes one block data entry (a common.Envelope) into what the audit
 * needs: header fields, the creator, and the chaincode write set of one
 * namespace. Decoding failures are returned, not thrown: a tampered entry
 * must be reported, and the replay must go on.
 */
import { common, ledger, msp, peer } from '@hyperledger/fabric-protos';
import { channelTimestamp, type ProtoTimestamp } from './proto-types';

/** One key written (or deleted) by a transaction. */
export interface StateWrite {
  readonly key: string;
  readonly isDelete: boolean;
  readonly value: Uint8Array;
}

/** A block data entry as the audit reads it. */
export interface DecodedTransaction {
  /** Position in the block's data (the transaction index). */
  readonly index: number;
  readonly txId: string;
  /** common.HeaderType name (ENDORSER_TRANSACTION, CONFIG, ...) or the number when unknown. */
  readonly type: string;
  /** Channel header timestamp as an ISO instant ('' when absent). */
  readonly timestamp: string;
  readonly creatorMspId: string;
  /** Creator certificate (PEM) from the signature header, '' when absent. */
  readonly creatorCertificate: string;
  /** The signed payload and the creator's signature over it. */
  readonly payloadBytes: Uint8Array;
  readonly signature: Uint8Array;
  /** Writes to the audited namespace, in write-set order (empty unless an endorser transaction). */
  readonly writes: readonly StateWrite[];
  /** Set when the entry could not be decoded as an envelope. */
  readonly decodeError?: string;
}

const HEADER_TYPE_NAMES = new Map<number, string>(
  Object.entries(common.HeaderType).map(([name, value]) => [value, name]),
);

/** The name of a common.HeaderType value. */
export function headerTypeName(type: number): string {
  return HEADER_TYPE_NAMES.get(type) ?? String(type);
}

function isoTime(timestamp: ProtoTimestamp | undefined): string {
  if (timestamp === undefined) return '';
  const millis = timestamp.getSeconds() * 1000 + Math.floor(timestamp.getNanos() / 1_000_000);
  return new Date(millis).toISOString();
}

function namespaceWrites(transaction: peer.Transaction, namespace: string): StateWrite[] {
  const writes: StateWrite[] = [];
  for (const action of transaction.getActionsList()) {
    const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
    const endorsed = actionPayload.getAction();
    if (endorsed === undefined) continue;
    const response = peer.ProposalResponsePayload.deserializeBinary(
      endorsed.getProposalResponsePayload_asU8(),
    );
    const chaincodeAction = peer.ChaincodeAction.deserializeBinary(response.getExtension_asU8());
    const rwset = ledger.rwset.TxReadWriteSet.deserializeBinary(chaincodeAction.getResults_asU8());
    for (const ns of rwset.getNsRwsetList()) {
      if (ns.getNamespace() !== namespace) continue;
      const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
      for (const write of kv.getWritesList())
        writes.push({ key: write.getKey(), isDelete: write.getIsDelete(), value: write.getValue_asU8() });
    }
  }
  return writes;
}

function emptyTransaction(index: number, entry: Uint8Array, decodeError: string): DecodedTransaction {
  return {
    index,
    txId: '',
    type: 'UNDECODABLE',
    timestamp: '',
    creatorMspId: '',
    creatorCertificate: '',
    payloadBytes: entry,
    signature: new Uint8Array(),
    writes: [],
    decodeError,
  };
}

/**
 * Decodes data entry `index`; write sets are read only when `withWrites`
 * (the transaction is VALID) and only for `namespace`.
 */
export function decodeTransaction(
  index: number,
  entry: Uint8Array,
  namespace: string,
  withWrites: boolean,
): DecodedTransaction {
  try {
    const envelope = common.Envelope.deserializeBinary(entry);
    const payloadBytes = envelope.getPayload_asU8();
    const payload = common.Payload.deserializeBinary(payloadBytes);
    const header = payload.getHeader();
    if (header === undefined) return emptyTransaction(index, entry, 'payload has no header');
    const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
    const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
    const creator = msp.SerializedIdentity.deserializeBinary(signatureHeader.getCreator_asU8());
    const isEndorser = channelHeader.getType() === common.HeaderType.ENDORSER_TRANSACTION;
    const writes =
      isEndorser && withWrites
        ? namespaceWrites(peer.Transaction.deserializeBinary(payload.getData_asU8()), namespace)
        : [];
    return {
      index,
      txId: channelHeader.getTxId(),
      type: headerTypeName(channelHeader.getType()),
      timestamp: isoTime(channelTimestamp(channelHeader)),
      creatorMspId: creator.getMspid(),
      creatorCertificate: Buffer.from(creator.getIdBytes_asU8()).toString('utf8'),
      payloadBytes,
      signature: envelope.getSignature_asU8(),
      writes,
    };
  } catch (err) {
    return emptyTransaction(index, entry, err instanceof Error ? err.message : String(err));
  }
}
