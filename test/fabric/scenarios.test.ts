/**
 * The nine scenarios of issue #6, through the gateway's HTTP API as its
 * callers use it, each at its organisation's gateway: an officer, an
 * operator who registers a library, a bank and a hotel on the ledger while
 * the relying parties' unit admin issues their identities and keys, a
 * relying unit that was never registered, and an auditor. Each scenario builds on the ledger the previous ones left; every
 * verification answer is kept in a journal that scenario 5 (the citizen's
 * view) and scenario 8 (the audit replay) are checked against.
 *
 * The suite's network differs from the shipped config in two ways, both
 * explicit here: a second relying-unit identity (LIB-0999) that is never
 * registered on the ledger, and a peer authentication time window of 11
 * days instead of Fabric's 15 minutes, so scenario 7 can send a proposal
 * stamped ten days ahead (first-run.test.ts shows the shipped window
 * refuses exactly that).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  INSTANT_PATTERN,
  MSP_IDS,
  type Card,
  type EidToken,
  type Page,
  type Unit,
  type VerificationRecord,
} from '@idcard/common';
import type { AuditReport } from '@idcard/audit';
import { todayInChina } from '@idcard/gateway';
import { dataPaths, networkDown, nodeDataDirs, peerNodes, type ResolvedConfig } from '@idcard/network';
import { idNumberFor } from '@idcard/gateway/testing';
import { scanForPersonalData } from '../support/privacy-scan';
import { expectStatus, type ApiClient, type CommittedAnswer } from '../support/api-client';
import { heightReader, waitForPeersLevel } from '../support/fabric-heights';
import { onboardUnit, startFullNetwork, UNIT_ADMIN, type FullNetwork } from '../support/full-network';
import { rawOrganisation } from '../support/test-network';
import { startShiftedClockGateway } from '../support/shifted-clock-gateway';
import { expectedAudit, type JournalEntry } from '../support/verification-journal';

/** A person as the test knows them: personal data that must never reach the ledger or a log. */
interface Person {
  readonly idNumber: string;
  readonly name: string;
}

/** The dates printed on one card. */
interface Printed {
  readonly validFrom: string;
  readonly validUntil: string;
}

const CITIZEN: Person = { idNumber: idNumberFor('110105', '19900307', '123'), name: '测试甲一' };
const VISITOR: Person = { idNumber: idNumberFor('310104', '20000815', '456'), name: '测试乙二' };
/** Aged 31 at issue: 20 years. */
const FIRST_CARD: Printed = { validFrom: '2021-05-10', validUntil: '2041-05-10' };
/** Aged 34 at issue: 20 years. */
const SECOND_CARD: Printed = { validFrom: '2025-03-01', validUntil: '2045-03-01' };

const LIBRARY = 'LIB-0101';
const BANK = 'BANK-0101';
const HOTEL = 'HOTEL-0101';
/** Added to this suite's config with a certificate for unit LIB-0999, never registered on the ledger. */
const UNREGISTERED = 'unit-lib-0999';
/** Ten days ahead, with a day to spare. */
const TIME_WINDOW = '264h';
const DAY_MS = 86_400_000;

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const anHourAgo = (): string => new Date(Date.now() - 3_600_000).toISOString();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('the ID-card service end to end (HTTP API on the real network)', () => {
  let cfg: ResolvedConfig | undefined;
  let net: FullNetwork;
  let api: ApiClient;
  const key: Record<string, string> = {};
  const journal: JournalEntry[] = [];
  const cardRefs: Record<'first' | 'second' | 'temporary', string> = { first: '', second: '', temporary: '' };
  let lastBlock = 0;

  const keyOf = (caller: string): string => {
    const k = key[caller];
    if (k === undefined) throw new Error(`no API key for ${caller}`);
    return k;
  };

  const noteBlock = (answer: { blockNumber: number }): void => {
    lastBlock = Math.max(lastBlock, answer.blockNumber);
  };

  /** A relying unit verifies a presented card; the answer is journalled. */
  const verify = async (
    caller: string,
    person: Person,
    printed: Printed,
    purpose: string,
    through: ApiClient = api,
  ): Promise<CommittedAnswer<VerificationRecord>> => {
    const answer = expectStatus(
      await through.post<CommittedAnswer<VerificationRecord>>('/v1/verifications', keyOf(caller), {
        ...person,
        ...printed,
        purpose,
      }),
      200,
    );
    journal.push(answer.result);
    noteBlock(answer);
    return answer;
  };

  const issueCard = async (person: Person, printed: Printed, kind: string, reasonCode: string) => {
    const answer = expectStatus(
      await api.post<CommittedAnswer<Card>>('/v1/cards', keyOf('officer1'), {
        ...person,
        ...printed,
        kind,
        reasonCode,
        occurredAt: anHourAgo(),
      }),
      201,
    );
    noteBlock(answer);
    return answer.result;
  };

  /** The auditor reads a record back by id: it is on the ledger as answered. */
  const expectRecorded = async (answer: CommittedAnswer<VerificationRecord>): Promise<void> => {
    const stored = expectStatus(
      await api.get<VerificationRecord>(`/v1/verifications/${answer.result.recordId}`, keyOf('auditor1')),
      200,
    );
    expect(stored).toMatchObject({
      recordId: answer.result.recordId,
      unitId: answer.result.unitId,
      result: answer.result.result,
      reason: answer.result.reason,
      txId: answer.txId,
    });
  };

  const onboard = async (unitId: string, category: string, allowedPurposes: string[]): Promise<void> => {
    const { committed, apiKey } = await onboardUnit(
      api,
      { operator: keyOf('operator1'), unitAdmin: keyOf(UNIT_ADMIN) },
      { unitId, category, displayName: `Test ${category.toLowerCase()} ${unitId}`, allowedPurposes },
    );
    expect(committed.result).toMatchObject({ unitId, state: 'ACTIVE' });
    key[unitId] = apiKey;
    noteBlock(committed);
  };

  beforeAll(async () => {
    net = await startFullNetwork(
      'scenarios',
      (c) => {
        cfg = c;
      },
      'raft',
      (raw) => {
        raw.peerAuthenticationTimeWindow = TIME_WINDOW;
        const clients = rawOrganisation(raw, 'relyingparty').clients as unknown[];
        clients.push({ name: UNREGISTERED, role: 'verifier', unit: 'LIB-0999' });
      },
    );
    api = net.api;
    Object.assign(key, net.keys);
    await onboard(LIBRARY, 'LIBRARY', ['LIBRARY_MEMBERSHIP']);
    await onboard(BANK, 'BANK', ['ACCOUNT_OPENING', 'PERIODIC_REVIEW']);
    await onboard(HOTEL, 'HOTEL', ['HOTEL_CHECKIN']);
  }, 900_000);

  afterAll(async () => {
    if (cfg !== undefined) await networkDown(cfg);
  }, 120_000);

  it('1. public security issues a card; a library verifies it: VALID, recorded', async () => {
    const card = await issueCard(CITIZEN, FIRST_CARD, 'RESIDENT_CARD', 'FIRST_ISSUE');
    expect(card).toMatchObject({
      kind: 'RESIDENT_CARD',
      state: 'VALID',
      effectiveState: 'VALID',
      replacedBy: null,
    });
    cardRefs.first = card.cardRef;

    const answer = await verify(LIBRARY, CITIZEN, FIRST_CARD, 'LIBRARY_MEMBERSHIP');
    expect(answer.result).toMatchObject({
      result: 'VALID',
      reason: null,
      unitId: LIBRARY,
      cardRef: cardRefs.first,
      channel: 'CARD',
      replayed: false,
    });
    await expectRecorded(answer);
  }, 180_000);

  it('2. the citizen reports it lost; a bank verifies it in the next request: INVALID/LOST', async () => {
    const lost = expectStatus(
      await api.post<CommittedAnswer<Card>>(`/v1/cards/${cardRefs.first}/report-lost`, keyOf('officer1'), {
        occurredAt: anHourAgo(),
      }),
      200,
    );
    expect(lost.result.state).toBe('LOST');
    noteBlock(lost);
    // No wait: the report-lost answered after its block committed, so the next request sees it.
    const answer = await verify(BANK, CITIZEN, FIRST_CARD, 'ACCOUNT_OPENING');
    expect(answer.result).toMatchObject({ result: 'INVALID', reason: 'LOST', unitId: BANK });
    expect(answer.blockNumber).toBeGreaterThan(lost.blockNumber);
    await expectRecorded(answer);
  }, 180_000);

  it('3. a new card is issued; the old one verifies REPLACED, the new one VALID', async () => {
    const card = await issueCard(CITIZEN, SECOND_CARD, 'RESIDENT_CARD', 'LOST');
    expect(card.state).toBe('VALID');
    cardRefs.second = card.cardRef;
    const old = expectStatus(await api.get<Card>(`/v1/cards/${cardRefs.first}`, keyOf('officer1')), 200);
    expect(old).toMatchObject({ state: 'REPLACED', replacedBy: cardRefs.second });

    const oldAnswer = await verify(BANK, CITIZEN, FIRST_CARD, 'ACCOUNT_OPENING');
    expect(oldAnswer.result).toMatchObject({
      result: 'INVALID',
      reason: 'REPLACED',
      cardRef: cardRefs.first,
    });
    const newAnswer = await verify(LIBRARY, CITIZEN, SECOND_CARD, 'LIBRARY_MEMBERSHIP');
    expect(newAnswer.result).toMatchObject({ result: 'VALID', reason: null, cardRef: cardRefs.second });
  }, 180_000);

  it('4. an unregistered unit’s verification is DENIED and recorded; a suspended unit’s likewise', async () => {
    const unknown = await verify(UNREGISTERED, CITIZEN, SECOND_CARD, 'LIBRARY_MEMBERSHIP');
    expect(unknown.result).toMatchObject({ result: 'DENIED', reason: 'UNIT_UNKNOWN', unitId: 'LIB-0999' });
    await expectRecorded(unknown);

    const suspended = expectStatus(
      await api.post<CommittedAnswer<Unit>>(`/v1/units/${HOTEL}/suspend`, keyOf('operator1'), {
        reason: 'LICENCE_REVIEW',
      }),
      200,
    );
    expect(suspended.result).toMatchObject({ state: 'SUSPENDED', suspensionReason: 'LICENCE_REVIEW' });
    noteBlock(suspended);
    const denied = await verify(HOTEL, CITIZEN, SECOND_CARD, 'HOTEL_CHECKIN');
    expect(denied.result).toMatchObject({ result: 'DENIED', reason: 'UNIT_SUSPENDED', unitId: HOTEL });
    await expectRecorded(denied);
  }, 180_000);

  it('5. the citizen lists who checked each card: every verification above, with unit, purpose and time, and nothing else', async () => {
    for (const [printed, cardRef] of [
      [FIRST_CARD, cardRefs.first],
      [SECOND_CARD, cardRefs.second],
    ] as const) {
      const page = expectStatus(
        await api.post<Page<VerificationRecord>>('/v1/citizen/verifications', keyOf('officer1'), {
          idNumber: CITIZEN.idNumber,
          validFrom: printed.validFrom,
        }),
        200,
      );
      expect(page.bookmark).toBe('');
      const seen = page.items.map((r) => ({ recordId: r.recordId, unitId: r.unitId, purpose: r.purpose }));
      const expected = journal
        .filter((j) => j.cardRef === cardRef)
        .map((j) => ({ recordId: j.recordId, unitId: j.unitId, purpose: j.purpose }));
      expect(seen).toEqual(expected);
      for (const r of page.items) expect(r.txTime).toMatch(INSTANT_PATTERN);
    }
  }, 120_000);

  it('6. an eID token verifies once, then is refused as used; an expired one is refused', async () => {
    const issueToken = async (lifetimeSeconds: number) => {
      const answer = expectStatus(
        await api.post<CommittedAnswer<EidToken> & { token: string }>('/v1/eid-tokens', keyOf('officer1'), {
          cardRef: cardRefs.second,
          lifetimeSeconds,
        }),
        201,
      );
      noteBlock(answer);
      return answer;
    };
    const verifyToken = async (token: string) => {
      const answer = expectStatus(
        await api.post<CommittedAnswer<VerificationRecord>>('/v1/verifications/eid-token', keyOf(BANK), {
          token,
          purpose: 'ACCOUNT_OPENING',
        }),
        200,
      );
      journal.push(answer.result);
      noteBlock(answer);
      return answer.result;
    };
    // The shortest lifetime the API allows, issued first so its expiry overlaps the single-use checks.
    const shortLived = await issueToken(30);
    const token = await issueToken(300);
    expect(token.result).toMatchObject({ cardRef: cardRefs.second, usedAt: null });

    expect(await verifyToken(token.token)).toMatchObject({
      result: 'VALID',
      channel: 'EID_TOKEN',
      cardRef: cardRefs.second,
    });
    expect(await verifyToken(token.token)).toMatchObject({ result: 'INVALID', reason: 'TOKEN_USED' });

    await sleep(Math.max(0, Date.parse(shortLived.result.expiresAt) - Date.now()) + 2_000);
    expect(await verifyToken(shortLived.token)).toMatchObject({ result: 'INVALID', reason: 'TOKEN_EXPIRED' });
  }, 240_000);

  it('7. a temporary certificate verifies VALID inside its window, EXPIRED after', async () => {
    // Yesterday in China is never in the future for the gateway, whatever the hour in UTC.
    const validFrom = addDays(todayInChina(new Date()), -1);
    const printed: Printed = { validFrom, validUntil: addDays(validFrom, 7) };
    const card = await issueCard(VISITOR, printed, 'TEMPORARY_CERTIFICATE', 'FIRST_ISSUE');
    expect(card).toMatchObject({ kind: 'TEMPORARY_CERTIFICATE', state: 'VALID', effectiveState: 'VALID' });
    cardRefs.temporary = card.cardRef;

    const inside = await verify(BANK, VISITOR, printed, 'ACCOUNT_OPENING');
    expect(inside.result).toMatchObject({ result: 'VALID', cardRef: cardRefs.temporary });

    // The same bank, ten days later: a gateway whose clock runs ahead signs the proposal with that
    // time, which this network's peers accept (TIME_WINDOW); the chaincode's time is that timestamp.
    const later = await startShiftedClockGateway(net.cfg, net.routes, 'later', 10 * DAY_MS);
    const after = await verify(BANK, VISITOR, printed, 'ACCOUNT_OPENING', later);
    expect(after.result).toMatchObject({ result: 'INVALID', reason: 'EXPIRED', cardRef: cardRefs.temporary });
    const seenLater = expectStatus(
      await later.get<Card>(`/v1/cards/${cardRefs.temporary}`, keyOf('officer1')),
      200,
    );
    expect(seenLater).toMatchObject({ state: 'VALID', effectiveState: 'EXPIRED' });
  }, 240_000);

  it('8. an auditor replays a copy of a peer’s ledger: the report matches every step above', async () => {
    const read = heightReader(net.cfg);
    await waitForPeersLevel(net.cfg, read, lastBlock + 1);
    const peer = peerNodes(net.cfg).find((p) => p.mspId === MSP_IDS.publicSecurity);
    if (peer === undefined) throw new Error('no public security peer');
    const work = mkdtempSync(join(process.env.IDCARD_TEST_RUN_DIR ?? tmpdir(), 'audit-'));
    const ledgerCopy = join(work, 'ledger');
    cpSync(nodeDataDirs(peer).ledger, ledgerCopy, { recursive: true });
    const reportFile = join(work, 'report.json');

    const run = spawnSync(
      process.execPath,
      [
        join(net.cfg.projectRoot, 'scripts', 'bin', 'idcard.js'),
        'audit',
        'replay',
        '--ledger-dir',
        ledgerCopy,
        '--json',
        reportFile,
        '--quiet',
      ],
      { cwd: net.cfg.projectRoot, encoding: 'utf8', timeout: 300_000 },
    );
    // Status 0 is a clean audit (1 findings, 2 unusable); stderr shows in the diff when it is not.
    expect({ status: run.status, stderr: run.stderr }).toMatchObject({ status: 0 });
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as AuditReport;

    expect(report.ok).toBe(true);
    expect(report.integrity).toEqual({ ok: true, failures: [] });
    expect(report.anomalies).toEqual([]);
    expect(report.transactions.invalidByCode).toEqual({});
    expect(report.blocks.lastBlock).toBeGreaterThanOrEqual(lastBlock);
    expect(report.cards).toMatchObject({
      total: 3,
      byState: { REPLACED: 1, VALID: 2 },
      transitionsByType: { ISSUE: 3, REPORT_LOST: 1, REPLACE: 1 },
    });
    // LIB-0001 registered by up, and the three onboarded above.
    expect(report.units).toEqual({ total: 4, byState: { ACTIVE: 3, SUSPENDED: 1 } });
    expect(report.eidTokens).toBe(2);
    expect(report.fraudReports.total).toBe(0);
    const expected = expectedAudit(journal);
    expect(report.verifications).toMatchObject({
      total: expected.total,
      byResult: expected.byResult,
      byPurpose: expected.byPurpose,
      denials: expected.denials,
    });
    expect(
      report.verifications.byUnit.map((u) => ({
        unitId: u.unitId,
        total: u.total,
        byResult: u.byResult,
        denials: u.denials,
        invalidByReason: u.invalidByReason,
      })),
    ).toEqual(expected.byUnit);
    rmSync(work, { recursive: true, force: true });
  }, 420_000);

  it('9. no ledger file, state database, node log or gateway log holds an ID number or name the tests used', () => {
    const people = [CITIZEN, VISITOR];
    const needles = people.flatMap((p) => [p.idNumber, p.idNumber.slice(0, 17), p.name]);
    expect(scanForPersonalData(net.cfg.dataDir, needles)).toEqual([]);

    // The scan finds a needle where one is: a log line with a name in it, planted and removed.
    const planted = join(dataPaths(net.cfg).logs, 'planted-needle.log');
    writeFileSync(planted, `${JSON.stringify({ level: 30, msg: 'verification', holder: VISITOR.name })}\n`);
    try {
      const hits = scanForPersonalData(net.cfg.dataDir, needles);
      expect(hits.map((h) => ({ file: h.file, needle: h.needleIndex }))).toEqual([
        { file: planted, needle: needles.indexOf(VISITOR.name) },
      ]);
    } finally {
      rmSync(planted);
    }
  }, 300_000);
});
