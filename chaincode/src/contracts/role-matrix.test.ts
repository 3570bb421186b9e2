import '../test-support/quiet-logs';
import { MSP_IDS, type Role } from '@idcard/common';
import type { Context } from 'fabric-contract-api';
import { cardSpec, presented, sha256 } from '../test-support/fixtures';
import { contracts, Harness } from '../test-support/harness';
import { callers, identity, type FakeIdentity } from '../test-support/identities';

const { cards, verification, eid, fraud, units, admin, privacy } = contracts;
const spec = cardSpec('holder');
const recordId = `${'c'.repeat(64)}.0`;
const window = ['2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z'] as const;

/** Every transaction of docs/transactions.md with well-formed arguments, and the roles it admits. */
const TRANSACTIONS: [string, readonly Role[], (ctx: Context, h: Harness) => Promise<unknown>][] = [
  [
    'cards:IssueCard',
    ['officer'],
    (ctx, h) =>
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
  ],
  [
    'cards:IssueCardAcrossKeys',
    ['officer'],
    (ctx, h) =>
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
  ],
  ['cards:ReportLost', ['officer'], (ctx, h) => cards.ReportLost(ctx, spec.cardRef, h.ago(5))],
  ['cards:ReportStolen', ['officer'], (ctx, h) => cards.ReportStolen(ctx, spec.cardRef, h.ago(5))],
  [
    'cards:WithdrawLossReport',
    ['officer'],
    (ctx, h) => cards.WithdrawLossReport(ctx, spec.cardRef, h.ago(5)),
  ],
  ['cards:RevokeCard', ['officer'], (ctx, h) => cards.RevokeCard(ctx, spec.cardRef, 'DEATH', h.ago(5))],
  ['cards:GetCard', ['officer', 'auditor'], (ctx) => cards.GetCard(ctx, spec.cardRef)],
  [
    'cards:GetCardStatusAt',
    ['officer', 'auditor'],
    (ctx, h) => cards.GetCardStatusAt(ctx, spec.cardRef, h.ago(5)),
  ],
  ['cards:GetCardHistory', ['officer', 'auditor'], (ctx) => cards.GetCardHistory(ctx, spec.cardRef, '', '')],
  ['cards:GetPersonCards', ['officer', 'auditor'], (ctx) => cards.GetPersonCards(ctx, spec.personRef)],
  [
    'verification:VerifyCard',
    ['verifier'],
    (ctx) =>
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
  ],
  [
    'verification:VerifyCardAcrossKeys',
    ['verifier'],
    (ctx) =>
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
  ],
  [
    'verification:VerifyCards',
    ['verifier'],
    (ctx) => verification.VerifyCards(ctx, 'ACCOUNT_OPENING', JSON.stringify([presented(spec, 'r2')])),
  ],
  [
    'verification:GetVerification',
    ['auditor', 'verifier'],
    (ctx) => verification.GetVerification(ctx, recordId),
  ],
  [
    'verification:ListVerificationsByCard',
    ['auditor'],
    (ctx) => verification.ListVerificationsByCard(ctx, spec.cardRef, '', ''),
  ],
  [
    'verification:ListVerificationsByUnit',
    ['auditor', 'verifier'],
    (ctx) => verification.ListVerificationsByUnit(ctx, 'BANK-001', ...window, '', ''),
  ],
  [
    'eid:IssueEidToken',
    ['officer'],
    (ctx, h) => eid.IssueEidToken(ctx, sha256('t'), spec.cardRef, h.ago(-60)),
  ],
  [
    'eid:VerifyEidToken',
    ['verifier'],
    (ctx) => eid.VerifyEidToken(ctx, 'r3', 'ACCOUNT_OPENING', sha256('t')),
  ],
  ['fraud:ReportFraud', ['verifier'], (ctx) => fraud.ReportFraud(ctx, 'f1', spec.cardRef, 'OTHER', '')],
  ['fraud:ListFraudReports', ['officer', 'auditor'], (ctx) => fraud.ListFraudReports(ctx, '', '')],
  [
    'units:RegisterUnit',
    ['operator'],
    (ctx) => units.RegisterUnit(ctx, 'LIB-01', 'LIBRARY', '["LIBRARY_MEMBERSHIP"]', 'City Library'),
  ],
  [
    'units:SetUnitPurposes',
    ['operator'],
    (ctx) => units.SetUnitPurposes(ctx, 'BANK-001', '["LOAN_APPLICATION"]'),
  ],
  ['units:SuspendUnit', ['operator'], (ctx) => units.SuspendUnit(ctx, 'BANK-001', 'REVIEW')],
  ['units:ReinstateUnit', ['operator'], (ctx) => units.ReinstateUnit(ctx, 'BANK-001')],
  ['units:GetUnit', ['operator', 'officer', 'auditor', 'verifier'], (ctx) => units.GetUnit(ctx, 'BANK-001')],
  ['units:ListUnits', ['operator', 'auditor'], (ctx) => units.ListUnits(ctx, '', '')],
  ['admin:Bootstrap', ['operator'], (ctx) => admin.Bootstrap(ctx)],
  [
    'privacy:AnnounceCardChange',
    ['officer'],
    (ctx) => privacy.AnnounceCardChange(ctx, cardSpec('other').cardRef),
  ],
  [
    'privacy:ReadCardTrail',
    ['officer'],
    (ctx) => privacy.ReadCardTrail(ctx, spec.cardRef, 'CITIZEN_REQUEST', '', ''),
  ],
  [
    'privacy:ListTrailReads',
    ['officer', 'auditor'],
    (ctx) => privacy.ListTrailReads(ctx, spec.cardRef, '', ''),
  ],
  [
    'privacy:ListStatusNotices',
    ['auditor', 'verifier'],
    (ctx) => privacy.ListStatusNotices(ctx, 'BANK-001', ...window, '', ''),
  ],
];

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

const cases = TRANSACTIONS.flatMap(([name, allowed, call]) =>
  CALLERS.map(([who, role, id]) => [name, who, role !== null && allowed.includes(role), call, id] as const),
);

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
