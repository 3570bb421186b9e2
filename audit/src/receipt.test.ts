import { common } from '@hyperledger/fabric-protos';
import type { BlockSource } from './block-source';
import { buildReceipt, parseReceipt, ReceiptError, type VerificationReceipt } from './receipt';
import { checkReceipt, type OrgRoots } from './receipt-check';
import type { PeerBlockEvents } from './peer-block-events';
import { checkReceiptOnLedger, checkReceiptOnPeer } from './receipt-ledger';
import { receiptOutcome } from './receipt-outcome';
import { createTestNetwork, TestLedger, type TestNetwork } from './test-support/test-ledger';
import { createTestOrg, type TestIdentity } from './test-support/test-pki';

const TIME = '2026-03-01T08:00:00.000Z';
const MVCC_READ_CONFLICT = 11;
const record = {
  recordId: 'vr-1',
  unitId: 'BANK-001',
  result: 'VALID',
  reason: null,
  purpose: 'ACCOUNT_OPENING',
};

let network: TestNetwork;
let trust: OrgRoots[];
let endorsers: TestIdentity[];
let ledger: TestLedger;
let receipt: VerificationReceipt;
let invalidReceipt: VerificationReceipt;
let uncommittedReceipt: VerificationReceipt;

/** A verification of `record` by BANK-001's verifier, endorsed by `by`, in the next block of the ledger. */
function verification(by: readonly TestIdentity[], code = 0) {
  const value = JSON.stringify(record);
  return ledger.endorse(
    network.verifier,
    TIME,
    [{ key: 'vr-1', value }],
    { endorsers: by, response: value },
    code,
  );
}

const memorySource = (blocks: readonly common.Block[]): BlockSource => ({
  async *blocks(startBlock: number) {
    await Promise.resolve();
    for (const block of blocks)
      if ((block.getHeader()?.getNumber() ?? 0) >= startBlock)
        yield { kind: 'block', block, location: 'memory' };
  },
});

beforeAll(() => {
  network = createTestNetwork();
  const { publicSecurity, bigData, relyingParty } = network.orgs;
  trust = [publicSecurity, bigData, relyingParty].map((o) => ({
    mspId: o.mspId,
    rootCerts: [o.caCertificate],
  }));
  endorsers = [publicSecurity.member('peer0.publicsecurity'), bigData.member('peer0.bigdata')];
  ledger = new TestLedger(network);
  const valid = verification(endorsers);
  const invalid = verification(endorsers, MVCC_READ_CONFLICT);
  ledger.cut();
  receipt = buildReceipt(valid.txId, 1, valid.envelope);
  invalidReceipt = buildReceipt(invalid.txId, 1, invalid.envelope);
  const uncommitted = new TestLedger(network).endorse(network.verifier, TIME, [], {
    endorsers,
    response: JSON.stringify(record),
  });
  uncommittedReceipt = buildReceipt(uncommitted.txId, 1, uncommitted.envelope);
});

/** The receipt with its transaction's bytes changed by `change`. */
function withTransaction(of: VerificationReceipt, change: (bytes: Buffer) => void): VerificationReceipt {
  const bytes = Buffer.from(of.transaction, 'base64');
  change(bytes);
  return { ...of, transaction: bytes.toString('base64') };
}

describe('verification receipts, offline', () => {
  it('accepts a receipt as built: the record, the creator and both endorsing organisations', () => {
    const verdict = checkReceipt(receipt, trust);

    expect(verdict).toMatchObject({ ok: true, problems: [], creator: { mspId: 'RelyingPartyMSP' } });
    expect(verdict.endorsers.map((e) => e.mspId)).toEqual(['PublicSecurityMSP', 'BigDataBureauMSP']);
    expect(receipt.record).toEqual(record);
    expect(receipt.endorsements.map((e) => e.mspId)).toEqual(['PublicSecurityMSP', 'BigDataBureauMSP']);
  });

  it('survives being written and read back as JSON', () => {
    expect(parseReceipt(JSON.stringify(receipt))).toEqual(receipt);
  });

  it('refuses a receipt whose transaction has one byte changed: the signatures over it fail', () => {
    const changed = withTransaction(receipt, (bytes) => {
      const at = bytes.indexOf('"result":"VALID"');
      bytes[at + 10] = 'X'.charCodeAt(0);
    });

    const verdict = checkReceipt(changed, trust);

    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([
      'creator: signature mismatch',
      'endorsement 0: signature mismatch',
      'endorsement 1: signature mismatch',
    ]);
  });

  it('refuses a receipt whose stated record was altered', () => {
    const verdict = checkReceipt({ ...receipt, record: { ...record, result: 'INVALID' } }, trust);

    expect(verdict).toMatchObject({
      ok: false,
      problems: ['the record differs from the result the peers endorsed'],
    });
  });

  it('refuses a receipt naming another transaction id', () => {
    const other = 'f'.repeat(64);

    const verdict = checkReceipt({ ...receipt, txId: other }, trust);

    expect(verdict.problems).toEqual([
      `the receipt names transaction ${other}, the transaction is ${receipt.txId}`,
    ]);
  });

  it("refuses endorsements by a look-alike CA that is not the organisation's", () => {
    const impostor = createTestOrg('PublicSecurityMSP').member('peer0.publicsecurity');
    const forged = verification([impostor, endorsers[1]!]);
    ledger.cut();

    const verdict = checkReceipt(buildReceipt(forged.txId, 2, forged.envelope), trust);

    expect(verdict.problems).toEqual([
      'endorsement 0: the certificate is not issued by a CA of PublicSecurityMSP',
    ]);
    expect(verdict.endorsers.map((e) => e.mspId)).toEqual(['BigDataBureauMSP']);
  });

  it('refuses a transaction without endorsements', () => {
    const bare = verification([]);
    ledger.cut();

    expect(checkReceipt(buildReceipt(bare.txId, 3, bare.envelope), trust).problems).toEqual([
      'the transaction carries no endorsement',
    ]);
  });

  it('refuses a creator whose organisation is not among the roots', () => {
    const verdict = checkReceipt(
      receipt,
      trust.filter((o) => o.mspId !== 'RelyingPartyMSP'),
    );

    expect(verdict.problems).toEqual(['creator: RelyingPartyMSP is not an organisation of the network']);
  });

  it('refuses a transaction that does not decode', () => {
    expect(
      checkReceipt({ ...receipt, transaction: Buffer.from('not a transaction').toString('base64') }, trust),
    ).toMatchObject({
      ok: false,
      problems: ['the transaction does not decode'],
    });
  });

  it.each([
    ['not JSON', 'receipt', 'the receipt is not JSON'],
    [
      'another kind',
      JSON.stringify({ kind: 'other' }),
      "not a verification receipt: kind is not 'idcard-verification-receipt'",
    ],
    [
      'a short txId',
      JSON.stringify({ ...{ kind: 'idcard-verification-receipt', version: 1 }, txId: 'abc' }),
      'not a verification receipt: txId is not 64 hex digits',
    ],
  ])('parseReceipt refuses %s', (_, text, message) => {
    expect(() => parseReceipt(text)).toThrow(ReceiptError);
    expect(() => parseReceipt(text)).toThrow(message);
  });
});

describe('verification receipts on the ledger', () => {
  it('finds the transaction in its block, VALID', async () => {
    await expect(checkReceiptOnLedger(memorySource(ledger.blocks), receipt)).resolves.toEqual({
      ok: true,
      problems: [],
      location: 'memory',
      validation: 'VALID',
    });
  });

  it('refuses a transaction the peers marked invalid', async () => {
    await expect(checkReceiptOnLedger(memorySource(ledger.blocks), invalidReceipt)).resolves.toMatchObject({
      ok: false,
      problems: [`transaction ${invalidReceipt.txId} is marked MVCC_READ_CONFLICT on the ledger`],
    });
  });

  it('refuses a transaction that is not on the ledger', async () => {
    await expect(
      checkReceiptOnLedger(memorySource(ledger.blocks), uncommittedReceipt),
    ).resolves.toMatchObject({
      ok: false,
      problems: [`transaction ${uncommittedReceipt.txId} is not in block 1`],
    });
  });

  it('refuses a block number beyond the ledger', async () => {
    await expect(
      checkReceiptOnLedger(memorySource(ledger.blocks), { ...receipt, blockNumber: 99 }),
    ).resolves.toEqual({ ok: false, problems: ['block 99 is not on the ledger'] });
  });

  it('refuses a transaction whose bytes in the block differ from the receipt', async () => {
    const changed = withTransaction(receipt, (bytes) => {
      bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    });

    await expect(checkReceiptOnLedger(memorySource(ledger.blocks), changed)).resolves.toMatchObject({
      ok: false,
      problems: [`transaction ${receipt.txId} in block 1 differs from the receipt's`],
    });
  });
});

/** A peer delivering `blocks` (a stream that never ends on its own, as a live one), recording where streams start. */
function fakePeer(blocks: readonly common.Block[]): PeerBlockEvents & { starts: bigint[] } {
  const starts: bigint[] = [];
  return {
    starts,
    channelHeight: () => Promise.resolve(blocks.length),
    events: {
      open(startBlock: bigint) {
        starts.push(startBlock);
        let closed = false;
        return Promise.resolve({
          close() {
            closed = true;
          },
          async *[Symbol.asyncIterator]() {
            for (const block of blocks.slice(Number(startBlock))) yield block;
            // A live stream waits for the next block; only close() ends it.
            while (!closed) await new Promise((resolve) => setTimeout(resolve, 5));
          },
        });
      },
    },
  };
}

describe('verification receipts as a peer delivers the ledger', () => {
  it('finds the transaction in the block the peer delivers, reading from that block on', async () => {
    const peer = fakePeer(ledger.blocks);

    await expect(checkReceiptOnPeer(peer, receipt)).resolves.toEqual({
      ok: true,
      problems: [],
      location: 'deliver',
      validation: 'VALID',
    });
    expect(peer.starts).toEqual([1n]);
  });

  it('refuses a block at or beyond the channel height without opening a stream that would wait for it', async () => {
    const peer = fakePeer(ledger.blocks);

    await expect(
      checkReceiptOnPeer(peer, { ...receipt, blockNumber: ledger.blocks.length }),
    ).resolves.toEqual({
      ok: false,
      problems: [`block ${ledger.blocks.length} is not on the ledger (height ${ledger.blocks.length})`],
    });
    expect(peer.starts).toEqual([]);
  });
});

describe('the conclusion of a receipt check', () => {
  it('accepts only when the signatures and the ledger agree, listing every problem of both', () => {
    const signatures = checkReceipt(receipt, trust);
    const refusedSignatures = checkReceipt(receipt, trust.slice(1));
    const missing = { ok: false, problems: ['transaction x is not in block 1'] };

    expect(receiptOutcome(receipt, signatures)).toEqual({
      accepted: true,
      problems: [],
      txId: receipt.txId,
      blockNumber: 1,
      signatures,
    });
    expect(receiptOutcome(receipt, signatures, missing)).toMatchObject({
      accepted: false,
      problems: missing.problems,
    });
    expect(receiptOutcome(receipt, refusedSignatures, { ok: true, problems: [] })).toMatchObject({
      accepted: false,
      problems: refusedSignatures.problems,
    });
    expect(refusedSignatures.problems.length).toBeGreaterThan(0);
  });
});
