import '../test-support/quiet-logs';
import { GUARD_KEYS, MSP_IDS } from '@idcard/common';
import { decodePolicy } from '../ledger/endorsement-policies';
import { compositeKey } from '../test-support/fake-stub';
import { contracts, Harness } from '../test-support/harness';
import { callers } from '../test-support/identities';

const { units } = contracts;
const operator = callers.operator();

describe('units: registry', () => {
  it('registers an ACTIVE unit with BigDataBureauMSP as key policy, blind-writes guard/units, emits UnitChanged', async () => {
    const h = new Harness();
    const txTime = h.now;
    const unit = await h.run(operator, (ctx) =>
      units.RegisterUnit(
        ctx,
        'BANK-001',
        'BANK',
        '["PERIODIC_REVIEW","ACCOUNT_OPENING"]',
        'First Bank, Main St',
      ),
    );
    expect(unit).toEqual({
      unitId: 'BANK-001',
      category: 'BANK',
      displayName: 'First Bank, Main St',
      allowedPurposes: ['ACCOUNT_OPENING', 'PERIODIC_REVIEW'],
      state: 'ACTIVE',
      suspensionReason: null,
      registeredAt: txTime,
      updatedAt: txTime,
    });
    expect(decodePolicy(h.world.policies.get(compositeKey('unit', ['BANK-001'])))).toEqual([
      MSP_IDS.bigDataBureau,
    ]);
    expect(h.last?.writes.has(GUARD_KEYS.units)).toBe(true);
    expect(h.last?.reads).not.toContain(GUARD_KEYS.units);
    expect(h.last?.events).toEqual([
      { name: 'UnitChanged', payload: { unitId: 'BANK-001', state: 'ACTIVE', action: 'REGISTER' } },
    ]);
  });

  it('refuses a second registration with ALREADY_EXISTS', async () => {
    const h = new Harness();
    await h.registerUnit('BANK-001');
    const error = await h.refuse(operator, (ctx) =>
      units.RegisterUnit(ctx, 'BANK-001', 'BANK', '["ACCOUNT_OPENING"]', 'Again'),
    );
    expect(error.code).toBe('ALREADY_EXISTS');
  });

  it.each([
    ['a lower-case unit id', ['bank-1', 'BANK', '["ACCOUNT_OPENING"]', 'x']],
    ['an unknown category', ['BANK-1', 'CASINO', '["ACCOUNT_OPENING"]', 'x']],
    ['purposes that are not JSON', ['BANK-1', 'BANK', 'ACCOUNT_OPENING', 'x']],
    ['an empty purpose list', ['BANK-1', 'BANK', '[]', 'x']],
    ['an unknown purpose', ['BANK-1', 'BANK', '["GAMBLING"]', 'x']],
    ['a purpose that is not a string', ['BANK-1', 'BANK', '[1]', 'x']],
    ['a repeated purpose', ['BANK-1', 'BANK', '["ACCOUNT_OPENING","ACCOUNT_OPENING"]', 'x']],
    ['an empty display name', ['BANK-1', 'BANK', '["ACCOUNT_OPENING"]', '']],
    ['a display name with a control character', ['BANK-1', 'BANK', '["ACCOUNT_OPENING"]', 'a\nb']],
    ['an untrimmed display name', ['BANK-1', 'BANK', '["ACCOUNT_OPENING"]', ' Bank']],
    ['a display name too long', ['BANK-1', 'BANK', '["ACCOUNT_OPENING"]', 'x'.repeat(129)]],
  ])('refuses %s with VALIDATION', async (_name, [unitId, category, purposes, name]) => {
    const h = new Harness();
    const error = await h.refuse(operator, (ctx) =>
      units.RegisterUnit(ctx, unitId ?? '', category ?? '', purposes ?? '', name ?? ''),
    );
    expect(error.code).toBe('VALIDATION');
  });

  it('suspends, refuses a second suspension, reinstates and refuses a second reinstatement', async () => {
    const h = new Harness();
    await h.registerUnit('BANK-001');
    const suspended = await h.run(operator, (ctx) => units.SuspendUnit(ctx, 'BANK-001', 'LICENCE_REVOKED'));
    expect(suspended).toMatchObject({ state: 'SUSPENDED', suspensionReason: 'LICENCE_REVOKED' });
    expect(h.last?.events[0]?.payload).toEqual({ unitId: 'BANK-001', state: 'SUSPENDED', action: 'SUSPEND' });
    const again = await h.refuse(operator, (ctx) => units.SuspendUnit(ctx, 'BANK-001', 'OTHER'));
    expect(again).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'SUSPENDED', action: 'SUSPEND' });
    const reinstated = await h.run(operator, (ctx) => units.ReinstateUnit(ctx, 'BANK-001'));
    expect(reinstated).toMatchObject({ state: 'ACTIVE', suspensionReason: null });
    const twice = await h.refuse(operator, (ctx) => units.ReinstateUnit(ctx, 'BANK-001'));
    expect(twice).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'ACTIVE', action: 'REINSTATE' });
    expect((await h.refuse(operator, (ctx) => units.SuspendUnit(ctx, 'BANK-001', 'lower'))).code).toBe(
      'VALIDATION',
    );
    expect((await h.refuse(operator, (ctx) => units.ReinstateUnit(ctx, 'BANK-404'))).code).toBe('NOT_FOUND');
  });

  it('replaces purposes', async () => {
    const h = new Harness();
    await h.registerUnit('BANK-001');
    const unit = await h.run(operator, (ctx) =>
      units.SetUnitPurposes(ctx, 'BANK-001', '["LOAN_APPLICATION"]'),
    );
    expect(unit.allowedPurposes).toEqual(['LOAN_APPLICATION']);
    expect(h.last?.events[0]?.payload).toMatchObject({ action: 'SET_PURPOSES' });
    expect(
      (await h.refuse(operator, (ctx) => units.SetUnitPurposes(ctx, 'BANK-404', '["LOAN_APPLICATION"]')))
        .code,
    ).toBe('NOT_FOUND');
  });

  it('lets a verifier read only its own unit, and pages the registry', async () => {
    const h = new Harness();
    for (const id of ['BANK-003', 'BANK-001', 'BANK-002']) await h.registerUnit(id);
    expect((await h.run(callers.verifier('BANK-002'), (ctx) => units.GetUnit(ctx, 'BANK-002'))).unitId).toBe(
      'BANK-002',
    );
    expect((await h.refuse(callers.verifier('BANK-002'), (ctx) => units.GetUnit(ctx, 'BANK-001'))).code).toBe(
      'FORBIDDEN',
    );
    expect((await h.refuse(callers.officer(), (ctx) => units.GetUnit(ctx, 'BANK-404'))).code).toBe(
      'NOT_FOUND',
    );
    const first = await h.run(operator, (ctx) => units.ListUnits(ctx, '2', ''));
    expect(first.items.map((u) => u.unitId)).toEqual(['BANK-001', 'BANK-002']);
    const second = await h.run(callers.auditor(), (ctx) => units.ListUnits(ctx, '2', first.bookmark));
    expect(second.items.map((u) => u.unitId)).toEqual(['BANK-003']);
    expect(second.bookmark).toBe('');
  });
});
