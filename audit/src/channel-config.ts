/**
 * The ordering service's trust anchors from a channel configuration block:
 * the orderer organisations' MSP certificates and the consenters. Orderer
 * block signatures are checked against the configuration in force at each
 * block. Plain data (PEM strings), so it can be saved in a checkpoint.
 */
import { X509Certificate } from 'node:crypto';
import { common, msp, orderer } from '@hyperledger/fabric-protos';
import { AuditFormatError } from './audit-errors';
import { configGroups, configValues } from './proto-types';

/** One orderer organisation: its MSP id and CA certificates (PEM). */
export interface OrdererOrg {
  readonly mspId: string;
  readonly rootCerts: readonly string[];
  readonly intermediateCerts: readonly string[];
}

/** One consenter as configured (BFT consenters carry their signing identity). */
export interface ConsenterInfo {
  readonly id: number | null;
  readonly host: string;
  readonly port: number;
  readonly mspId: string | null;
  /** Signing certificate (PEM), BFT only. */
  readonly identity: string | null;
}

/** What orderer signatures are checked against, from one config block. */
export interface OrdererTrust {
  readonly configBlock: number;
  readonly consensusType: string;
  readonly orgs: readonly OrdererOrg[];
  readonly consenters: readonly ConsenterInfo[];
}

const FABRIC_MSP_TYPE = 0;

function pem(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('utf8');
  if (text.includes('-----BEGIN')) return text;
  // DER certificates are accepted too; keep one representation.
  return new X509Certificate(Buffer.from(bytes)).toString();
}

function ordererOrgs(ordererGroup: common.ConfigGroup): OrdererOrg[] {
  const orgs: OrdererOrg[] = [];
  configGroups(ordererGroup).forEach((org: common.ConfigGroup) => {
    const value = configValues(org).get('MSP');
    if (value === undefined) return;
    const mspConfig = msp.MSPConfig.deserializeBinary(value.getValue_asU8());
    if (mspConfig.getType() !== FABRIC_MSP_TYPE) return;
    const fabric = msp.FabricMSPConfig.deserializeBinary(mspConfig.getConfig_asU8());
    orgs.push({
      mspId: fabric.getName(),
      rootCerts: fabric.getRootCertsList_asU8().map(pem),
      intermediateCerts: fabric.getIntermediateCertsList_asU8().map(pem),
    });
  });
  return orgs;
}

function consenters(ordererGroup: common.ConfigGroup, consensusType: orderer.ConsensusType): ConsenterInfo[] {
  const mapping = configValues(ordererGroup).get('Orderers');
  if (mapping !== undefined) {
    return common.Orderers.deserializeBinary(mapping.getValue_asU8())
      .getConsenterMappingList()
      .map((c) => ({
        id: c.getId(),
        host: c.getHost(),
        port: c.getPort(),
        mspId: c.getMspId(),
        identity: c.getIdentity_asU8().length > 0 ? pem(c.getIdentity_asU8()) : null,
      }));
  }
  if (consensusType.getType() !== 'etcdraft') return [];
  return orderer.etcdraft.ConfigMetadata.deserializeBinary(consensusType.getMetadata_asU8())
    .getConsentersList()
    .map((c) => ({ id: null, host: c.getHost(), port: c.getPort(), mspId: null, identity: null }));
}

/**
 * Reads the orderer trust from a config envelope (block data entry 0 of a config block).
 * @throws AuditFormatError when the entry is not a config transaction with an Orderer group
 */
export function readOrdererTrust(configBlock: number, entry: Uint8Array): OrdererTrust {
  const payload = common.Payload.deserializeBinary(
    common.Envelope.deserializeBinary(entry).getPayload_asU8(),
  );
  const channelHeader = common.ChannelHeader.deserializeBinary(
    payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array(),
  );
  if (channelHeader.getType() !== common.HeaderType.CONFIG)
    throw new AuditFormatError(`block ${configBlock} is not a config block`);
  const config = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()).getConfig();
  const channelGroup = config?.getChannelGroup();
  const ordererGroup = channelGroup === undefined ? undefined : configGroups(channelGroup).get('Orderer');
  if (ordererGroup === undefined)
    throw new AuditFormatError(`config block ${configBlock} has no Orderer group`);
  const typeValue = configValues(ordererGroup).get('ConsensusType');
  const consensusType = orderer.ConsensusType.deserializeBinary(
    typeValue?.getValue_asU8() ?? new Uint8Array(),
  );
  return {
    configBlock,
    consensusType: consensusType.getType(),
    orgs: ordererOrgs(ordererGroup),
    consenters: consenters(ordererGroup, consensusType),
  };
}
