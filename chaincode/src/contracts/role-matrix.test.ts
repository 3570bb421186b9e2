import '../test-support/quiet-logs';
import { MSP_IDS, TRANSACTIONS, TRANSACTION_NAMES, type Role, type TransactionName } from '@idcard/common';
import type { Context } from 'fabric-contract-api';
import { cardSpec, presented, sha256 } from '../test-support/fixtures';
import { contracts, Harness } from '../test-support/harness';
import { callers, identity, type FakeIdentity } from '../test-support/identities';

const { cards, verification, eid, fraud, units, admin, privacy } = contracts;
const spec = cardSpec('holder');
const recordId = `${'c'.repeat(64)}.0`;
const window = ['2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z'] as const;

/** A call of every transaction of the wire table with well-formed arguments. */
const CALLS: Record<TransactionName, (ctx: Context, h: Harness) => Promise<unknown>> = {
  IssueCard: (ctx, h) =>
    cards.IssueCard(
      ctx,
      spec.cardRef,
      spec.personRef,
      spec.nameCheck,
      spec.kind,
      spec.validFrom,
      spec.validUntil,
      'FIRST_ISSUE',
      h.ago(5),
    ),
  IssueCardAcrossKeys: (ctx, h) =>
    cards.IssueCardAcrossKeys(
      ctx,
      spec.cardRef,
      spec.personRef,
      spec.nameCheck,
      spec.kind,
      spec.validFrom,
      spec.validUntil,
      'FIRST_ISSUE',
      h.ago(5),
      '[]',
    ),
  ReportLost: (ctx, h) => cards.ReportLost(ctx, spec.cardRef, h.ago(5)),
  ReportStolen: (ctx, h) => cards.ReportStolen(ctx, spec.cardRef, h.ago(5)),
  WithdrawLossReport: (ctx, h) => cards.WithdrawLossReport(ctx, spec.cardRef, h.ago(5)),
  RevokeCard: (ctx, h) => cards.RevokeCard(ctx, spec.cardRef, 'DEATH', h.ago(5)),
  GetCard: (ctx) => cards.GetCard(ctx, spec.cardRef),
  GetCardStatusAt: (ctx, h) => cards.GetCardStatusAt(ctx, spec.cardRef, h.ago(5)),
  GetCardHistory: (ctx) => cards.GetCardHistory(ctx, spec.cardRef, '', ''),
  GetPersonCards: (ctx) => cards.GetPersonCards(ctx, spec.personRef),
  VerifyCard: (ctx) =>
    verification.VerifyCard(
      ctx,
      'r1',
      'ACCOUNT_OPENING',
      spec.cardRef,
      spec.personRef,
      spec.nameCheck,
      spec.validFrom,
      spec.validUntil,
    ),
  VerifyCardAcrossKeys: (ctx) =>
    verification.VerifyCardAcrossKeys(
      ctx,
      'r4',
      'ACCOUNT_OPENING',
      spec.cardRef,
      spec.personRef,
      spec.nameCheck,
      spec.validFrom,
      spec.validUntil,
      '[]',
    ),
  VerifyCards: (ctx) =>
    verification.VerifyCards(ctx, 'ACCOUNT_OPENING', JSON.stringify([presented(spec, 'r2')])),
  GetVerification: (ctx) => verification.GetVerification(ctx, recordId),
  ListVerificationsByCard: (ctx) => verification.ListVerificationsByCard(ctx, spec.cardRef, '', ''),
  ListVerificationsByUnit: (ctx) => verification.ListVerificationsByUnit(ctx, 'BANK-001', ...window, '', ''),
  IssueEidToken: (ctx, h) => eid.IssueEidToken(ctx, sha256('t'), spec.cardRef, h.ago(-60)),
  VerifyEidToken: (ctx) => eid.VerifyEidToken(ctx, 'r3', 'ACCOUNT_OPENING', sha256('t')),
  ReportFraud: (ctx) => fraud.ReportFraud(ctx, 'f1', spec.cardRef, 'OTHER', ''),
  ListFraudReports: (ctx) => fraud.ListFraudReports(ctx, '', ''),
  RegisterUnit: (ctx) =>
    units.RegisterUnit(ctx, 'LIB-01', 'LIBRARY', '["LIBRARY_MEMBERSHIP"]', 'City Library'),
  SetUnitPurposes: (ctx) => units.SetUnitPurposes(ctx, 'BANK-001', '["LOAN_APPLICATION"]'),
  SuspendUnit: (ctx) => units.SuspendUnit(ctx, 'BANK-001', 'REVIEW'),
  ReinstateUnit: (ctx) => units.ReinstateUnit(ctx, 'BANK-001'),
  GetUnit: (ctx) => units.GetUnit(ctx, 'BANK-001'),
  ListUnits: (ctx) => units.ListUnits(ctx, '', ''),
  Bootstrap: (ctx) => admin.Bootstrap(ctx),
  AnnounceCardChange: (ctx) => privacy.AnnounceCardChange(ctx, cardSpec('other').cardRef),
  ReadCardTrail: (ctx) => privacy.ReadCardTrail(ctx, spec.cardRef, 'CITIZEN_REQUEST', '', ''),
  ListTrailReads: (ctx) => privacy.ListTrailReads(ctx, spec.cardRef, '', ''),
  ListStatusNotices: (ctx) => privacy.ListStatusNotices(ctx, 'BANK-001', ...window, '', ''),
};

/** Callers: every role from its MSP, auditors from each MSP, and impostors that match no row. */
const CALLERS: [string, Role | null, FakeIdentity][] = [
  ['officer', 'officer', callers.officer()],
  ['operator', 'operator', callers.operator()],
  ['verifier', 'verifier', callers.verifier('BANK-001')],
  ['auditor@PublicSecurityMSP', 'auditor', callers.auditor(MSP_IDS.publicSecurity)],
  ['auditor@BigDataBureauMSP', 'auditor', callers.auditor(MSP_IDS.bigDataBureau)],
  ['auditor@RelyingPartyMSP', null, callers.auditor(MSP_IDS.relyingParty)],
  ['auditor@OrdererMSP', null, callers.auditor(MSP_IDS.orderer)],
  ['officer@RelyingPartyMSP', null, identity(MSP_IDS.relyingParty, { role: 'officer', unit: 'PSB-1' })],
  ['operator@PublicSecurityMSP', null, identity(MSP_IDS.publicSecurity, { role: 'operator' })],
  [
    'verifier@BigDataBureauMSP',
    null,
    identity(MSP_IDS.bigDataBureau, { role: 'verifier', unit: 'BANK-001' }),
  ],
  ['officer without unit', null, identity(MSP_IDS.publicSecurity, { role: 'officer' })],
  [
    'verifier with a malformed unit',
    null,
    identity(MSP_IDS.relyingParty, { role: 'verifier', unit: 'bank 1' }),
  ],
  ['no role attribute', null, identity(MSP_IDS.publicSecurity, { unit: 'PSB-1' })],
  ['unknown role', null, identity(MSP_IDS.bigDataBureau, { role: 'admin' })],
  ['foreign MSP', null, identity('EvilMSP', { role: 'auditor' })],
];

const cases = TRANSACTION_NAMES.flatMap((name) => {
  const { contract, roles } = TRANSACTIONS[name];
  const allowed: readonly Role[] = roles;
  return CALLERS.map(
    ([who, role, id]) =>
      [`${contract}:${name}`, who, role !== null && allowed.includes(role), CALLS[name], id] as const,
  );
});

describe('role matrix: every caller against every transaction', () => {
  it.each(cases)('%s as %s (allowed: %p)', async (_name, _who, allowed, call, id) => {
    const h = new Harness();
    await h.registerUnit('BANK-001');
    await h.issue(cardSpec('other'));
    let code: string | undefined;
    try {
      await h.run(id, (ctx) => call(ctx, h));
    } catch (error) {
      code = (error as { code?: string }).code;
      expect(code).toBeDefined();
    }
    if (allowed) expect(code).not.toBe('FORBIDDEN');
    else expect(code).toBe('FORBIDDEN');
  });
});
