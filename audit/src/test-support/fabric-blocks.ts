/**
 * Real Fabric-format blocks for tests, built with fabric-protos: a config
 * block with orderer organisations and Raft consenters, endorser
 * transactions with write sets, correct data and previous hashes, and orderer
 * signatures over metadata.value || signature_header || header DER.
 */
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import { common, ledger, msp, orderer, peer } from '@hyperledger/fabric-protos';
import { createRequire } from 'node:module';
import { blockDataHash, blockHeaderBytes, blockHeaderHash } from '../block-hash';
import { decodeIntegerPair, encodeInteger, encodeSequence } from '../der';
import { P256_ORDER } from '../ecdsa-signature';
import { configGroups, configValues } from '../proto-types';
import type { TestIdentity, TestOrg } from './test-pki';

interface TimestampMessage {
  setSeconds(value: number): void;
  setNanos(value: number): void;
}
// google-protobuf ships no types here; fabric-protos uses its Timestamp class.
const { Timestamp } = createRequire(__filename)('google-protobuf/google/protobuf/timestamp_pb') as {
  Timestamp: new () => TimestampMessage;
};

/** Signs like a Fabric signer: SHA-256, DER, S normalised to the lower half. */
export function signLowS(key: KeyObject, data: Uint8Array): Buffer {
  const { r, s } = decodeIntegerPair(sign('sha256', data, { key, dsaEncoding: 'der' }));
  const low = s > P256_ORDER >> 1n ? P256_ORDER - s : s;
  return encodeSequence([encodeInteger(r), encodeInteger(low)]);
}

function serializedIdentity(identity: TestIdentity): Uint8Array {
  const id = new msp.SerializedIdentity();
  id.setMspid(identity.mspId);
  id.setIdBytes(Buffer.from(identity.certificate, 'utf8'));
  return id.serializeBinary();
}

function signatureHeader(identity: TestIdentity, nonce: Uint8Array): Uint8Array {
  const header = new common.SignatureHeader();
  header.setCreator(serializedIdentity(identity));
  header.setNonce(nonce);
  return header.serializeBinary();
}

function timestamp(iso: string): TimestampMessage {
  const millis = Date.parse(iso);
  const ts = new Timestamp();
  ts.setSeconds(Math.floor(millis / 1000));
  ts.setNanos((millis % 1000) * 1_000_000);
  return ts;
}

function envelope(
  channelHeader: common.ChannelHeader,
  identity: TestIdentity,
  nonce: Uint8Array,
  data: Uint8Array,
) {
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader(identity, nonce));
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(data);
  const payloadBytes = payload.serializeBinary();
  const env = new common.Envelope();
  env.setPayload(payloadBytes);
  env.setSignature(signLowS(identity.privateKey, payloadBytes));
  return Buffer.from(env.serializeBinary());
}

function configValue(bytes: Uint8Array): common.ConfigValue {
  const value = new common.ConfigValue();
  value.setValue(bytes);
  return value;
}

function mspGroup(org: TestOrg): common.ConfigGroup {
  const fabric = new msp.FabricMSPConfig();
  fabric.setName(org.mspId);
  fabric.setRootCertsList([Buffer.from(org.caCertificate, 'utf8')]);
  const config = new msp.MSPConfig();
  config.setType(0);
  config.setConfig(fabric.serializeBinary());
  const group = new common.ConfigGroup();
  configValues(group).set('MSP', configValue(config.serializeBinary()));
  return group;
}

/** A config envelope: Orderer group (orgs, etcdraft consenters) and Application orgs. */
export function configEnvelope(
  channel: string,
  ordererOrgs: readonly TestOrg[],
  applicationOrgs: readonly TestOrg[],
  admin: TestIdentity,
): Buffer {
  const raft = new orderer.etcdraft.ConfigMetadata();
  ordererOrgs.forEach((_, i) => {
    const consenter = new orderer.etcdraft.Consenter();
    consenter.setHost(`orderer${i}.example`);
    consenter.setPort(7050 + i);
    raft.addConsenters(consenter);
  });
  const consensus = new orderer.ConsensusType();
  consensus.setType('etcdraft');
  consensus.setMetadata(raft.serializeBinary());
  const ordererGroup = new common.ConfigGroup();
  configValues(ordererGroup).set('ConsensusType', configValue(consensus.serializeBinary()));
  for (const org of ordererOrgs) configGroups(ordererGroup).set(org.mspId, mspGroup(org));
  const application = new common.ConfigGroup();
  for (const org of applicationOrgs) configGroups(application).set(org.mspId, mspGroup(org));
  const root = new common.ConfigGroup();
  configGroups(root).set('Orderer', ordererGroup);
  configGroups(root).set('Application', application);
  const config = new common.Config();
  config.setChannelGroup(root);
  const configEnv = new common.ConfigEnvelope();
  configEnv.setConfig(config);
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.CONFIG);
  channelHeader.setChannelId(channel);
  channelHeader.setTimestamp(timestamp('2026-01-01T00:00:00.000Z'));
  return envelope(channelHeader, admin, randomBytes(24), configEnv.serializeBinary());
}

/** A key written by a transaction. */
export interface TestWrite {
  readonly key: string;
  readonly value: string;
}

/** What an endorser transaction carries besides its writes. */
export interface EndorsementOptions {
  /** Peers that sign the proposal response, as Fabric endorsers do. */
  readonly endorsers?: readonly TestIdentity[];
  /** The chaincode's answer (response payload). */
  readonly response?: string;
}

function endorsement(endorser: TestIdentity, responsePayload: Uint8Array): peer.Endorsement {
  const endorserBytes = serializedIdentity(endorser);
  const signed = new peer.Endorsement();
  signed.setEndorser(endorserBytes);
  signed.setSignature(signLowS(endorser.privateKey, Buffer.concat([responsePayload, endorserBytes])));
  return signed;
}

/**
 * An endorser transaction writing `writes` in `namespace`, its proposal
 * response hashed over its own header and proposal payload as Fabric does;
 * returns the envelope and its txId.
 */
export function endorserTransaction(
  channel: string,
  namespace: string,
  creator: TestIdentity,
  time: string,
  writes: readonly TestWrite[] | ((txId: string) => readonly TestWrite[]),
  options: EndorsementOptions = {},
): { envelope: Buffer; txId: string } {
  const nonce = randomBytes(24);
  const txId = createHash('sha256').update(nonce).update(serializedIdentity(creator)).digest('hex');
  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(namespace);
  const extension = new peer.ChaincodeHeaderExtension();
  extension.setChaincodeId(chaincodeId);
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setChannelId(channel);
  channelHeader.setTxId(txId);
  channelHeader.setTimestamp(timestamp(time));
  channelHeader.setExtension$(extension.serializeBinary());
  const proposalPayload = new peer.ChaincodeProposalPayload();
  proposalPayload.setInput(Buffer.from(`${namespace}:${txId}`, 'utf8'));
  const proposalPayloadBytes = proposalPayload.serializeBinary();
  const kv = new ledger.rwset.kvrwset.KVRWSet();
  for (const w of typeof writes === 'function' ? writes(txId) : writes) {
    const write = new ledger.rwset.kvrwset.KVWrite();
    write.setKey(w.key);
    write.setValue(Buffer.from(w.value, 'utf8'));
    kv.addWrites(write);
  }
  const ns = new ledger.rwset.NsReadWriteSet();
  ns.setNamespace(namespace);
  ns.setRwset(kv.serializeBinary());
  const rwset = new ledger.rwset.TxReadWriteSet();
  rwset.setDataModel(ledger.rwset.TxReadWriteSet.DataModel.KV);
  rwset.addNsRwset(ns);
  const action = new peer.ChaincodeAction();
  action.setResults(rwset.serializeBinary());
  action.setChaincodeId(chaincodeId);
  const response = new peer.Response();
  response.setStatus(200);
  response.setPayload(Buffer.from(options.response ?? '', 'utf8'));
  action.setResponse(response);
  const responsePayload = new peer.ProposalResponsePayload();
  responsePayload.setProposalHash(
    createHash('sha256')
      .update(channelHeader.serializeBinary())
      .update(signatureHeader(creator, nonce))
      .update(proposalPayloadBytes)
      .digest(),
  );
  responsePayload.setExtension$(action.serializeBinary());
  const responsePayloadBytes = responsePayload.serializeBinary();
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(responsePayloadBytes);
  endorsed.setEndorsementsList((options.endorsers ?? []).map((e) => endorsement(e, responsePayloadBytes)));
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setChaincodeProposalPayload(proposalPayloadBytes);
  actionPayload.setAction(endorsed);
  const txAction = new peer.TransactionAction();
  txAction.setHeader(signatureHeader(creator, nonce));
  txAction.setPayload(actionPayload.serializeBinary());
  const transaction = new peer.Transaction();
  transaction.addActions(txAction);
  return { envelope: envelope(channelHeader, creator, nonce, transaction.serializeBinary()), txId };
}

/** Options of one block. */
export interface BlockSpec {
  readonly number: number;
  readonly previous: common.BlockHeader | undefined;
  readonly entries: readonly Uint8Array[];
  readonly validationCodes: readonly number[];
  readonly lastConfig: number;
  /** Orderer signers (none for the genesis block). */
  readonly signers: readonly TestIdentity[];
}

/** Builds a block with correct hashes and orderer signatures. */
export function buildBlock(spec: BlockSpec): common.Block {
  const header = new common.BlockHeader();
  header.setNumber(spec.number);
  header.setPreviousHash(spec.previous === undefined ? new Uint8Array() : blockHeaderHash(spec.previous));
  header.setDataHash(blockDataHash(spec.entries));
  const data = new common.BlockData();
  data.setDataList([...spec.entries]);
  const lastConfig = new common.LastConfig();
  lastConfig.setIndex(spec.lastConfig);
  const ordererMetadata = new common.OrdererBlockMetadata();
  ordererMetadata.setLastConfig(lastConfig);
  const signatures = new common.Metadata();
  signatures.setValue(ordererMetadata.serializeBinary());
  for (const signer of spec.signers) {
    const sigHeader = signatureHeader(signer, randomBytes(24));
    const signed = Buffer.concat([signatures.getValue_asU8(), sigHeader, blockHeaderBytes(header)]);
    const metadataSignature = new common.MetadataSignature();
    metadataSignature.setSignatureHeader(sigHeader);
    metadataSignature.setSignature(signLowS(signer.privateKey, signed));
    signatures.addSignatures(metadataSignature);
  }
  const metadata = new common.BlockMetadata();
  metadata.setMetadataList([
    signatures.serializeBinary(),
    new Uint8Array(),
    Uint8Array.from(spec.validationCodes),
    new Uint8Array(),
    new Uint8Array(),
  ]);
  const block = new common.Block();
  block.setHeader(header);
  block.setData(data);
  block.setMetadata(metadata);
  return block;
}
