/**
 * The endorsement and concurrency guarantees of the chaincode (issue #3,
 * DESIGN §2 and §5) on the real network, through fabric-gateway directly so
 * the test chooses the endorsing organisations itself:
 *   - a card change or issuance endorsed only by RelyingPartyMSP and
 *     BigDataBureauMSP is invalidated with ENDORSEMENT_POLICY_FAILURE and
 *     changes nothing (key-level policy on the card, guard key on issuance);
 *   - two verifications of one card never conflict with each other;
 *   - a verification racing a report-lost never commits a VALID answer
 *     ordered after the report-lost.
 * Validation codes are fabric-gateway's `StatusCode` (installed 1.11.0,
 * dist/status.d.ts: VALID 0, ENDORSEMENT_POLICY_FAILURE 10,
 * MVCC_READ_CONFLICT 11); `Contract.submit` throws `CommitError` (a class
 * with `name`, `code` and `transactionId`, dist/commiterror.js) when the
 * commit status is not VALID.
 *
 * Never run yet: the Fabric peer and orderer cannot be built on the machines
 * this was written on (the runner lists this suite as NOT RUN there).
 */
import { StatusCode } from '@hyperledger/fabric-gateway';
import {
  MSP_IDS,
  type Card,
  type CardHistoryEntry,
  type Page,
  type PersonCards,
  type VerificationRecord,
} from '@idcard/common';
import { networkUp, type HeightReader, type ResolvedConfig } from '@idcard/network';
import { isBefore, positionsOf } from '../support/block-order';
import { submitAndCommit } from '../support/fabric-client';
import { heightReader, settlePeers } from '../support/fabric-heights';
import {
  AGENCIES,
  bootstrapGuards,
  evaluate,
  evaluateOn,
  ledgerClients,
  registerLibrary,
  testReference,
  type Committed,
  type LedgerClients,
} from '../support/ledger-clients';
import { testNetworkConfig } from '../support/test-network';
import { closeAndStop } from '../support/teardown';

const OFFICER = 'officer1';
const OPERATOR = 'operator1';
const AUDITOR = 'auditor1';
/** The configured relying-unit client; its certificate says unit LIB-0001. */
const UNIT = 'unit-lib-0001';
const UNIT_ID = 'LIB-0001';
/** Endorsers that satisfy the chaincode-level policy (any two) but not the key-level ones. */
const WITHOUT_PUBLIC_SECURITY = [MSP_IDS.relyingParty, MSP_IDS.bigDataBureau];
const ALL_ORGS = [MSP_IDS.publicSecurity, MSP_IDS.bigDataBureau, MSP_IDS.relyingParty];

/** A presented card: the references the gateway would derive, here random. */
interface TestCard {
  readonly cardRef: string;
  readonly personRef: string;
  readonly nameCheck: string;
  readonly validFrom: string;
  readonly validUntil: string;
}

function newTestCard(): TestCard {
  // A 20-year resident card (the chaincode checks 5, 10 or 20 years; it never sees the birth date).
  return {
    cardRef: testReference(),
    personRef: testReference(),
    nameCheck: testReference(),
    validFrom: '2021-05-10',
    validUntil: '2041-05-10',
  };
}

const issueArgs = (card: TestCard): string[] => [
  card.cardRef,
  card.personRef,
  card.nameCheck,
  'RESIDENT_CARD',
  card.validFrom,
  card.validUntil,
  'FIRST_ISSUE',
  '2026-01-05T02:00:00Z',
];

const verifyArgs = (card: TestCard, requestId: string): string[] => [
  requestId,
  'LIBRARY_MEMBERSHIP',
  card.cardRef,
  card.personRef,
  card.nameCheck,
  card.validFrom,
  card.validUntil,
];

const record = (committed: Committed): VerificationRecord =>
  JSON.parse(committed.result) as VerificationRecord;

describe('chaincode guarantees on the real network', () => {
  let cfg: ResolvedConfig;
  let clients: LedgerClients;
  let readHeight: HeightReader;

  const cards = () => clients.as(OFFICER).contract('cards');
  const verifications = () => clients.as(UNIT).contract('verification');

  const reportLost = (card: TestCard, occurredAt: string, endorsers: readonly string[] = AGENCIES) =>
    submitAndCommit(cards(), 'ReportLost', [card.cardRef, occurredAt], [...endorsers]);

  const issue = async (card: TestCard): Promise<Card> => {
    const committed = await submitAndCommit(cards(), 'IssueCard', issueArgs(card), [...AGENCIES]);
    expect(committed.code).toBe(StatusCode.VALID);
    return JSON.parse(committed.result) as Card;
  };

  /** The card on every organisation's peer (call settlePeers first: a lagging peer proves nothing). */
  const cardEverywhere = async (cardRef: string): Promise<Card[]> =>
    Promise.all(
      ALL_ORGS.map((mspId) =>
        evaluateOn<Card>(
          clients.as(AUDITOR, clients.peerOf(mspId).name).contract('cards'),
          'GetCard',
          [cardRef],
          mspId,
        ),
      ),
    );

  beforeAll(async () => {
    cfg = await testNetworkConfig('chaincode');
    const up = await networkUp(cfg, () => undefined);
    clients = ledgerClients(cfg, up.identities);
    readHeight = heightReader(cfg);
    await bootstrapGuards(clients, OPERATOR);
    const unit = await registerLibrary(clients, OPERATOR, UNIT_ID);
    if (unit.code !== StatusCode.VALID) throw new Error(`RegisterUnit committed with code ${unit.code}`);
  }, 600_000);

  afterAll(() => closeAndStop(cfg, clients), 120_000);

  it('invalidates a status change endorsed only by RelyingPartyMSP + BigDataBureauMSP with ENDORSEMENT_POLICY_FAILURE, and the card stays as it was', async () => {
    const card = newTestCard();
    await issue(card);
    const historyBefore = await evaluate<Page<CardHistoryEntry>>(cards(), 'GetCardHistory', [
      card.cardRef,
      '0',
      '',
    ]);

    const refused = await reportLost(card, '2026-01-06T08:00:00Z', WITHOUT_PUBLIC_SECURITY);
    expect(refused.code).toBe(StatusCode.ENDORSEMENT_POLICY_FAILURE);
    // Both endorsers ran the chaincode and agreed on the answer: only the policy stopped it.
    expect(JSON.parse(refused.result)).toMatchObject({ cardRef: card.cardRef, state: 'LOST' });
    await settlePeers(cfg, readHeight);

    for (const seen of await cardEverywhere(card.cardRef)) {
      expect(seen).toMatchObject({ state: 'VALID', lastAction: 'ISSUE' });
    }
    const historyAfter = await evaluate<Page<CardHistoryEntry>>(cards(), 'GetCardHistory', [
      card.cardRef,
      '0',
      '',
    ]);
    expect(historyAfter.items).toEqual(historyBefore.items);

    // The same change endorsed by both agencies commits: the card was changeable all along.
    const accepted = await reportLost(card, '2026-01-06T08:00:00Z');
    expect(accepted.code).toBe(StatusCode.VALID);
  }, 180_000);

  it('invalidates a card issuance endorsed only by RelyingPartyMSP + BigDataBureauMSP with ENDORSEMENT_POLICY_FAILURE, and no card exists', async () => {
    const card = newTestCard();
    // Contract.submit waits for the commit and throws CommitError when it is not VALID.
    await expect(
      cards().submit('IssueCard', {
        arguments: issueArgs(card),
        endorsingOrganizations: WITHOUT_PUBLIC_SECURITY,
      }),
    ).rejects.toMatchObject({ name: 'CommitError', code: StatusCode.ENDORSEMENT_POLICY_FAILURE });
    await settlePeers(cfg, readHeight);

    for (const mspId of ALL_ORGS) {
      const person = await evaluateOn<PersonCards>(
        clients.as(AUDITOR, clients.peerOf(mspId).name).contract('cards'),
        'GetPersonCards',
        [card.personRef],
        mspId,
      );
      // The card key and the person's index key are written by one transaction or not at all.
      expect(person.cards).toEqual([]);
    }
  }, 180_000);

  it('commits two verifications of the same card submitted concurrently, each with its own record', async () => {
    const card = newTestCard();
    await issue(card);
    // Both endorsed against the same state before either is ordered: any key both
    // wrote, or one wrote and the other read, would invalidate the second.
    const [first, second] = await Promise.all(
      ['concurrent-a', 'concurrent-b'].map((requestId) =>
        verifications()
          .newProposal('VerifyCard', { arguments: verifyArgs(card, requestId) })
          .endorse(),
      ),
    );
    if (first === undefined || second === undefined) throw new Error('two endorsements expected');
    const statuses = await Promise.all(
      [first, second].map(async (tx) => {
        const submitted = await tx.submit();
        return { status: await submitted.getStatus(), result: Buffer.from(submitted.getResult()).toString() };
      }),
    );
    for (const { status, result } of statuses) {
      expect(status.code).toBe(StatusCode.VALID);
      expect(JSON.parse(result)).toMatchObject({ result: 'VALID', unitId: UNIT_ID, cardRef: card.cardRef });
    }
    const byCard = await evaluate<Page<VerificationRecord>>(
      clients.as(AUDITOR).contract('verification'),
      'ListVerificationsByCard',
      [card.cardRef, '0', ''],
    );
    expect(byCard.items.map((r) => r.requestId).sort()).toEqual(['concurrent-a', 'concurrent-b']);
    expect(new Set(byCard.items.map((r) => r.recordId)).size).toBe(2);
  }, 180_000);

  it('invalidates a VALID answer endorsed before a report-lost and submitted after it (MVCC_READ_CONFLICT)', async () => {
    const card = newTestCard();
    await issue(card);
    const stale = await verifications()
      .newProposal('VerifyCard', { arguments: verifyArgs(card, 'stale-1') })
      .endorse();
    expect(JSON.parse(Buffer.from(stale.getResult()).toString())).toMatchObject({ result: 'VALID' });

    const lost = await reportLost(card, '2026-01-07T08:00:00Z');
    expect(lost.code).toBe(StatusCode.VALID);

    const status = await (await stale.submit()).getStatus();
    expect(status.code).toBe(StatusCode.MVCC_READ_CONFLICT);
    expect(status.blockNumber).toBeGreaterThan(lost.blockNumber);

    const fresh = await submitAndCommit(verifications(), 'VerifyCard', verifyArgs(card, 'fresh-1'));
    expect(fresh.code).toBe(StatusCode.VALID);
    expect(record(fresh)).toMatchObject({ result: 'INVALID', reason: 'LOST' });
    const byCard = await evaluate<Page<VerificationRecord>>(
      clients.as(AUDITOR).contract('verification'),
      'ListVerificationsByCard',
      [card.cardRef, '0', ''],
    );
    // The invalidated answer left no record.
    expect(byCard.items.map((r) => r.requestId)).toEqual(['fresh-1']);
  }, 180_000);

  it('never commits a VALID answer ordered after a report-lost that races it', async () => {
    const card = newTestCard();
    await issue(card);
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // Verifications spread over about a second, the report-lost in the middle of them;
    // with a 250 ms batch timeout some land in the report-lost's block, some before, some after.
    const racers = Array.from({ length: 10 }, async (_, i) => {
      await pause(i * 100);
      try {
        return await submitAndCommit(verifications(), 'VerifyCard', verifyArgs(card, `race-${String(i)}`));
      } catch (err) {
        // Both agencies endorse; when one has committed the report-lost and the other not yet,
        // their answers differ and the endorsement is refused (ABORTED): nothing is submitted.
        const e = err as { name?: unknown; code?: unknown };
        if (e.name === 'EndorseError' && e.code === 10) return undefined;
        throw err;
      }
    });
    const lostPromise = (async () => {
      await pause(450);
      return reportLost(card, '2026-01-08T08:00:00Z');
    })();
    const [lost, ...answered] = await Promise.all([lostPromise, ...racers]);
    expect(lost.code).toBe(StatusCode.VALID);
    const verified = answered.filter((v): v is Committed => v !== undefined);

    const committedValid = verified.filter((v) => v.code === StatusCode.VALID);
    const positions = await positionsOf(clients.as(OFFICER).gateway, cfg.channel, [lost, ...committedValid]);
    const lostAt = positions.get(lost.txId);
    if (lostAt === undefined) throw new Error('report-lost position unknown');
    for (const v of verified) {
      const answer = record(v);
      if (v.code !== StatusCode.VALID) {
        // Not committed: only a read conflict may stop a verification.
        expect({ requestId: answer.requestId, code: v.code }).toEqual({
          requestId: answer.requestId,
          code: StatusCode.MVCC_READ_CONFLICT,
        });
        continue;
      }
      const at = positions.get(v.txId);
      if (at === undefined) throw new Error(`position of ${v.txId} unknown`);
      const expected = isBefore(at, lostAt)
        ? { result: 'VALID', reason: null }
        : { result: 'INVALID', reason: 'LOST' };
      expect({ requestId: answer.requestId, result: answer.result, reason: answer.reason }).toEqual({
        requestId: answer.requestId,
        ...expected,
      });
    }
    const final = await submitAndCommit(verifications(), 'VerifyCard', verifyArgs(card, 'race-after'));
    expect(record(final)).toMatchObject({ result: 'INVALID', reason: 'LOST' });
  }, 240_000);
});
