/**
 * A test channel: organisations with generated certificates, a genesis
 * config block, endorser transactions cut into signed blocks, and the
 * blocks written to block files in the peer's on-disk format.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { common } from '@hyperledger/fabric-protos';
import { encodeBlockRecord } from '../blockfile-format';
import {
  buildBlock,
  configEnvelope,
  endorserTransaction,
  type EndorsementOptions,
  type TestWrite,
} from './fabric-blocks';
import { createTestOrg, type MemberOptions, type TestIdentity, type TestOrg } from './test-pki';

/** The application organisations of a test network. */
export interface TestOrgs {
  readonly publicSecurity: TestOrg;
  readonly bigData: TestOrg;
  readonly relyingParty: TestOrg;
}

/** The identities of a test network. */
export interface TestNetwork {
  readonly channel: string;
  readonly orgs: TestOrgs;
  readonly ordererSigner: TestIdentity;
  readonly officer: TestIdentity;
  readonly operator: TestIdentity;
  /** The verifier of unit BANK-001 (`verifierOf('BANK-001')`). */
  readonly verifier: TestIdentity;
  /** A RelyingPartyMSP verifier certified for `unitId` (Fabric CA attributes), one per unit. */
  verifierOf(unitId: string): TestIdentity;
  readonly genesis: Buffer;
}

/** The certificate options of an identity Fabric CA enrols with `attributes` (plus its own hf.* ones). */
export function fabricCaMember(name: string, attributes: Readonly<Record<string, string>>): MemberOptions {
  return {
    attributes: { 'hf.Affiliation': '', 'hf.EnrollmentID': name, 'hf.Type': 'client', ...attributes },
  };
}

/** Creates the organisations (one openssl CA each) and the genesis config envelope. */
export function createTestNetwork(channel = 'idcards'): TestNetwork {
  const ordererOrg = createTestOrg('OrdererMSP');
  const publicSecurity = createTestOrg('PublicSecurityMSP');
  const bigData = createTestOrg('BigDataBureauMSP');
  const relyingParty = createTestOrg('RelyingPartyMSP');
  const ordererSigner = ordererOrg.member('orderer0');
  const operator = bigData.member('operator', fabricCaMember('operator', { role: 'operator' }));
  const verifiers = new Map<string, TestIdentity>();
  const verifierOf = (unitId: string): TestIdentity => {
    let verifier = verifiers.get(unitId);
    if (verifier === undefined) {
      const name = `verifier-${unitId}`;
      verifier = relyingParty.member(name, fabricCaMember(name, { role: 'verifier', unit: unitId }));
      verifiers.set(unitId, verifier);
    }
    return verifier;
  };
  const officerAttributes = fabricCaMember('officer', { role: 'officer', unit: 'PSB-110101' });
  return {
    channel,
    orgs: { publicSecurity, bigData, relyingParty },
    ordererSigner,
    officer: publicSecurity.member('officer', officerAttributes),
    operator,
    verifier: verifierOf('BANK-001'),
    verifierOf,
    genesis: configEnvelope(channel, [ordererOrg], [publicSecurity, bigData, relyingParty], operator),
  };
}

/** Builds a chain block by block. */
export class TestLedger {
  readonly blocks: common.Block[] = [];
  readonly #network: TestNetwork;
  #pending: { envelope: Buffer; code: number }[] = [];

  constructor(network: TestNetwork) {
    this.#network = network;
    this.blocks.push(
      buildBlock({
        number: 0,
        previous: undefined,
        entries: [network.genesis],
        validationCodes: [0],
        lastConfig: 0,
        signers: [],
      }),
    );
  }

  /** Adds an endorser transaction to the next block; returns its txId. */
  transact(
    creator: TestIdentity,
    time: string,
    writes: readonly TestWrite[] | ((txId: string) => readonly TestWrite[]),
    code = 0,
  ): string {
    return this.endorse(creator, time, writes, {}, code).txId;
  }

  /** Adds an endorser transaction with endorsements and a response to the next block; returns it. */
  endorse(
    creator: TestIdentity,
    time: string,
    writes: readonly TestWrite[] | ((txId: string) => readonly TestWrite[]),
    options: EndorsementOptions,
    code = 0,
  ): { envelope: Buffer; txId: string } {
    const tx = endorserTransaction(this.#network.channel, 'idcard', creator, time, writes, options);
    this.#pending.push({ envelope: tx.envelope, code });
    return tx;
  }

  /** Seals the pending transactions into a signed block. */
  cut(): common.Block {
    const previous = this.blocks[this.blocks.length - 1]?.getHeader();
    const block = buildBlock({
      number: this.blocks.length,
      previous,
      entries: this.#pending.map((p) => p.envelope),
      validationCodes: this.#pending.map((p) => p.code),
      lastConfig: 0,
      signers: [this.#network.ordererSigner],
    });
    this.#pending = [];
    this.blocks.push(block);
    return block;
  }

  /** Writes blocks to `dir/blockfile_NNNNNN`, starting a new file past `maxFileBytes`. */
  writeBlockfiles(
    dir: string,
    blocks: readonly common.Block[] = this.blocks,
    maxFileBytes = 64 * 1024 * 1024,
  ): void {
    writeBlockfiles(dir, blocks, maxFileBytes);
  }
}

/** Writes blocks in the peer's block file format. */
export function writeBlockfiles(dir: string, blocks: readonly common.Block[], maxFileBytes: number): void {
  mkdirSync(dir, { recursive: true });
  let suffix = 0;
  let current: Buffer[] = [];
  let size = 0;
  const flush = () => {
    writeFileSync(join(dir, `blockfile_${String(suffix).padStart(6, '0')}`), Buffer.concat(current));
    suffix += 1;
    current = [];
    size = 0;
  };
  for (const block of blocks) {
    const record = encodeBlockRecord(block);
    if (size > 0 && size + record.length > maxFileBytes) flush();
    current.push(record);
    size += record.length;
  }
  flush();
}
