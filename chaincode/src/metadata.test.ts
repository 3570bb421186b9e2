import './test-support/quiet-logs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contracts } from './index';
import { contractMetadata } from './test-support/contract-metadata';

const GOLDEN = join(__dirname, '..', 'metadata.golden.json');

interface Metadata {
  contracts: Record<
    string,
    { transactions: { name: string; tag: string[]; parameters?: { name: string }[] }[] }
  >;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
}

/** Argument order of every transaction, as docs/transactions.md lists it. */
const ARGUMENTS: Record<string, Record<string, string[]>> = {
  cards: {
    IssueCard: [
      'cardRef',
      'personRef',
      'nameCheck',
      'kind',
      'validFrom',
      'validUntil',
      'reasonCode',
      'occurredAt',
    ],
    ReportLost: ['cardRef', 'occurredAt'],
    ReportStolen: ['cardRef', 'occurredAt'],
    WithdrawLossReport: ['cardRef', 'occurredAt'],
    RevokeCard: ['cardRef', 'reasonCode', 'occurredAt'],
    GetCard: ['cardRef'],
    GetCardStatusAt: ['cardRef', 'at'],
    GetCardHistory: ['cardRef', 'pageSize', 'bookmark'],
    GetPersonCards: ['personRef'],
    IssueCardAcrossKeys: [
      'cardRef',
      'personRef',
      'nameCheck',
      'kind',
      'validFrom',
      'validUntil',
      'reasonCode',
      'occurredAt',
      'earlierPersonRefs',
    ],
  },
  verification: {
    VerifyCard: ['requestId', 'purpose', 'cardRef', 'personRef', 'nameCheck', 'validFrom', 'validUntil'],
    VerifyCardAcrossKeys: [
      'requestId',
      'purpose',
      'cardRef',
      'personRef',
      'nameCheck',
      'validFrom',
      'validUntil',
      'earlierRefs',
    ],
    VerifyCards: ['purpose', 'items'],
    GetVerification: ['recordId'],
    ListVerificationsByCard: ['cardRef', 'pageSize', 'bookmark'],
    ListVerificationsByUnit: ['unitId', 'from', 'to', 'pageSize', 'bookmark'],
  },
  eid: {
    IssueEidToken: ['tokenHash', 'cardRef', 'expiresAt'],
    VerifyEidToken: ['requestId', 'purpose', 'tokenHash'],
  },
  fraud: {
    ReportFraud: ['requestId', 'cardRef', 'category', 'recordId'],
    ListFraudReports: ['pageSize', 'bookmark'],
  },
  units: {
    RegisterUnit: ['unitId', 'category', 'allowedPurposes', 'displayName'],
    SetUnitPurposes: ['unitId', 'allowedPurposes'],
    SuspendUnit: ['unitId', 'reason'],
    ReinstateUnit: ['unitId'],
    GetUnit: ['unitId'],
    ListUnits: ['pageSize', 'bookmark'],
  },
  admin: { Bootstrap: [] },
  privacy: {
    AnnounceCardChange: ['cardRef'],
    ReadCardTrail: ['cardRef', 'purpose', 'pageSize', 'bookmark'],
    ListTrailReads: ['cardRef', 'pageSize', 'bookmark'],
    ListStatusNotices: ['unitId', 'from', 'to', 'pageSize', 'bookmark'],
  },
};

const QUERIES = new Set([
  'GetCard',
  'GetCardStatusAt',
  'GetCardHistory',
  'GetPersonCards',
  'GetVerification',
  'ListVerificationsByCard',
  'ListVerificationsByUnit',
  'ListFraudReports',
  'GetUnit',
  'ListUnits',
  'ListTrailReads',
  'ListStatusNotices',
]);

describe('contract metadata', () => {
  const published = contractMetadata(contracts);
  const metadata = JSON.parse(published) as Metadata;

  it('matches chaincode/metadata.golden.json (regenerate with UPDATE_GOLDEN=1)', () => {
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, published);
    expect(existsSync(GOLDEN)).toBe(true);
    expect(published).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it.each(Object.entries(ARGUMENTS))(
    'publishes the arguments of contract %s in the documented order',
    (contract, expected) => {
      const transactions = metadata.contracts[contract]?.transactions ?? [];
      const actual = Object.fromEntries(
        transactions.map((tx) => [tx.name, (tx.parameters ?? []).map((p) => p.name)]),
      );
      expect(actual).toEqual(expected);
    },
  );

  it('tags queries EVALUATE and every other transaction SUBMIT', () => {
    for (const contract of Object.keys(ARGUMENTS)) {
      for (const tx of metadata.contracts[contract]?.transactions ?? []) {
        expect(tx.tag).toContain(QUERIES.has(tx.name) ? 'EVALUATE' : 'SUBMIT');
      }
    }
  });

  it('describes every record type with its fields', () => {
    const schemas = metadata.components.schemas;
    expect(Object.keys(schemas).sort()).toEqual(
      [
        'BootstrapResult',
        'Card',
        'CardHistoryEntry',
        'CardHistoryPage',
        'CardStatusAt',
        'EidToken',
        'FraudReport',
        'FraudReportPage',
        'NoticeBatch',
        'PersonCardSummary',
        'PersonCards',
        'StatusNotice',
        'StatusNoticePage',
        'TrailRead',
        'TrailReadPage',
        'Unit',
        'UnitPage',
        'VerificationBatch',
        'VerificationPage',
        'VerificationRecord',
      ].sort(),
    );
    expect(Object.keys(schemas.Card?.properties ?? {})).toHaveLength(14);
    expect(schemas.Card?.properties).not.toHaveProperty('nameCheck');
  });

  it('exports the seven contracts, cards first (the default contract)', () => {
    expect(contracts.map((Contract) => new Contract().getName())).toEqual([
      'cards',
      'verification',
      'eid',
      'fraud',
      'units',
      'admin',
      'privacy',
    ]);
  });
});
