/**
 * The response schemas must describe exactly what the chaincode returns
 * (@idcard/common's record interfaces): Fastify's serializer silently drops a
 * field the schema lacks, so a field added on one side only must fail here.
 */
import type { TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type {
  Card,
  CardHistoryEntry,
  CardStatusAt,
  EidToken,
  FraudReport,
  PersonCards,
  StatusNotice,
  TrailRead,
  Unit,
  VerificationRecord,
} from '@idcard/common';
import {
  CardHistoryEntrySchema,
  CardSchema,
  CardStatusAtSchema,
  EidTokenSchema,
  FraudReportSchema,
  PersonCardsSchema,
  StatusNoticeSchema,
  TrailReadSchema,
  UnitSchema,
  VerificationRecordSchema,
} from './records';

const ref = 'k1.' + 'a'.repeat(64);
const txId = 'b'.repeat(64);
const at = '2026-11-30T08:00:00.000Z';

const card: Card = {
  cardRef: ref,
  personRef: ref,
  kind: 'RESIDENT_CARD',
  state: 'VALID',
  effectiveState: 'VALID',
  validFrom: '2020-01-01',
  validUntil: '2030-01-01',
  issuedAt: at,
  updatedAt: at,
  lastAction: 'ISSUE',
  lastReason: null,
  occurredAt: at,
  officerUnit: 'PSB-110000',
  replacedBy: null,
};
const statusAt: CardStatusAt = { cardRef: ref, at, state: 'LOST', effectiveState: 'LOST', txId };
const historyEntry: CardHistoryEntry = {
  txId,
  txTime: at,
  action: 'REPORT_LOST',
  fromState: 'VALID',
  toState: 'LOST',
  reasonCode: 'LOST',
  occurredAt: at,
  officerUnit: 'PSB-110000',
};
const personCards: PersonCards = {
  personRef: ref,
  cards: [
    {
      cardRef: ref,
      state: 'VALID',
      effectiveState: 'EXPIRED',
      validFrom: '2000-01-01',
      validUntil: '2010-01-01',
    },
  ],
};
const verification: VerificationRecord = {
  recordId: `${txId}.0`,
  requestId: 'req-0001',
  unitId: 'BANK-0042',
  purpose: 'ACCOUNT_OPENING',
  channel: 'CARD',
  cardRef: ref,
  result: 'INVALID',
  reason: 'LOST',
  txId,
  txTime: at,
  replayed: false,
};
const token: EidToken = {
  tokenHash: 'c'.repeat(64),
  cardRef: ref,
  expiresAt: at,
  issuedAt: at,
  usedAt: null,
  usedBy: null,
};
const fraud: FraudReport = {
  reportId: `${txId}.0`,
  requestId: 'req-0002',
  unitId: 'BANK-0042',
  cardRef: ref,
  category: 'FORGED_CARD',
  recordId: null,
  txId,
  txTime: at,
  replayed: false,
};
const unit: Unit = {
  unitId: 'BANK-0042',
  category: 'BANK',
  displayName: 'Bank branch 42',
  allowedPurposes: ['ACCOUNT_OPENING'],
  state: 'ACTIVE',
  suspensionReason: null,
  registeredAt: at,
  updatedAt: at,
};

const notice: StatusNotice = {
  noticeId: `${txId}.0`,
  unitId: 'BANK-0042',
  cardRef: ref,
  state: 'LOST',
  changedAt: at,
  checkedAt: at,
  txId,
};
const trailRead: TrailRead = {
  readId: `${txId}.0`,
  cardRef: ref,
  officerUnit: 'PSB-110000',
  purpose: 'CITIZEN_REQUEST',
  txId,
  txTime: at,
};

const cases: readonly (readonly [string, TObject, object])[] = [
  ['Card', CardSchema, card],
  ['CardStatusAt', CardStatusAtSchema, statusAt],
  ['CardHistoryEntry', CardHistoryEntrySchema, historyEntry],
  ['PersonCards', PersonCardsSchema, personCards],
  ['VerificationRecord', VerificationRecordSchema, verification],
  ['EidToken', EidTokenSchema, token],
  ['FraudReport', FraudReportSchema, fraud],
  ['Unit', UnitSchema, unit],
  ['StatusNotice', StatusNoticeSchema, notice],
  ['TrailRead', TrailReadSchema, trailRead],
];

describe('response schemas against the chaincode record shapes', () => {
  it.each(cases)('%s: a chaincode record passes the response schema', (_name, schema, record) => {
    expect([...Value.Errors(schema, record)].map((e) => `${e.path}: ${e.message}`)).toEqual([]);
  });

  it.each(cases)(
    '%s: the schema names exactly the record fields (none dropped on serialising)',
    (_name, schema, record) => {
      expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(record).sort());
    },
  );
});
