/**
 * Contract `units` (docs/transactions.md): the relying-unit registry, kept
 * by the platform operator. Unit keys need BigDataBureauMSP to change.
 */
import { UNIT_CATEGORIES, type Page, type Unit, type UnitAction } from '@idcard/common';
import { Context, Contract, Info } from 'fabric-contract-api';
import { requireOwnUnit } from '../access/require-role';
import { requireOneOf, requirePaging, requireUnitId } from '../domain/input-checks';
import {
  parsePurposes,
  registeredUnit,
  reinstatedUnit,
  requireDisplayName,
  requireSuspensionReason,
  suspendedUnit,
  withPurposes,
} from '../domain/unit-registry';
import { AlreadyExistsError } from '../errors';
import type { Ledger } from '../ledger/ledger';
import '../model';
import { WireTransaction } from './wire-transaction';
import { begin, type TransactionScope } from './transaction-scope';

async function changeUnit(
  scope: TransactionScope,
  unitId: string,
  action: UnitAction,
  change: (unit: Unit) => Unit,
): Promise<Unit> {
  const { ledger } = scope;
  const next = change(await ledger.units.get(unitId));
  await ledger.units.update(next);
  emitChange(ledger, next, action);
  return next;
}

function emitChange(ledger: Ledger, unit: Unit, action: UnitAction): void {
  ledger.state.emit('UnitChanged', { unitId: unit.unitId, state: unit.state, action });
}

/** Registers, changes and lists relying units. */
@Info({ title: 'units', description: 'Relying-unit registry' })
export class UnitsContract extends Contract {
  constructor() {
    super('units');
  }

  /** Registers an ACTIVE unit. */
  @WireTransaction()
  async RegisterUnit(
    ctx: Context,
    unitId: string,
    category: string,
    allowedPurposes: string,
    displayName: string,
  ): Promise<Unit> {
    const { ledger, txTime } = begin(ctx, 'RegisterUnit');
    const unit = registeredUnit(
      requireUnitId('unitId', unitId),
      requireOneOf('category', category, UNIT_CATEGORIES),
      parsePurposes(allowedPurposes),
      requireDisplayName(displayName),
      txTime,
    );
    if ((await ledger.units.find(unit.unitId)) !== undefined) {
      throw new AlreadyExistsError(`unit ${unit.unitId}`);
    }

    await ledger.units.create(unit);
    emitChange(ledger, unit, 'REGISTER');
    return unit;
  }

  /** Replaces the purposes a unit may verify for. */
  @WireTransaction()
  async SetUnitPurposes(ctx: Context, unitId: string, allowedPurposes: string): Promise<Unit> {
    const scope = begin(ctx, 'SetUnitPurposes');
    const id = requireUnitId('unitId', unitId);
    const purposes = parsePurposes(allowedPurposes);
    return changeUnit(scope, id, 'SET_PURPOSES', (unit) => withPurposes(unit, purposes, scope.txTime));
  }

  /** ACTIVE → SUSPENDED: the unit's verifications are DENIED. */
  @WireTransaction()
  async SuspendUnit(ctx: Context, unitId: string, reason: string): Promise<Unit> {
    const scope = begin(ctx, 'SuspendUnit');
    const id = requireUnitId('unitId', unitId);
    const code = requireSuspensionReason(reason);
    return changeUnit(scope, id, 'SUSPEND', (unit) => suspendedUnit(unit, code, scope.txTime));
  }

  /** SUSPENDED → ACTIVE. */
  @WireTransaction()
  async ReinstateUnit(ctx: Context, unitId: string): Promise<Unit> {
    const scope = begin(ctx, 'ReinstateUnit');
    const id = requireUnitId('unitId', unitId);
    return changeUnit(scope, id, 'REINSTATE', (unit) => reinstatedUnit(unit, scope.txTime));
  }

  /** One unit: operators, officers and auditors any, a verifier its own. */
  @WireTransaction()
  async GetUnit(ctx: Context, unitId: string): Promise<Unit> {
    const { caller, ledger } = begin(ctx, 'GetUnit');
    const id = requireUnitId('unitId', unitId);
    requireOwnUnit(caller, id);
    return ledger.units.get(id);
  }

  /** Units in unitId order. */
  @WireTransaction()
  async ListUnits(ctx: Context, pageSize: string, bookmark: string): Promise<Page<Unit>> {
    const { ledger } = begin(ctx, 'ListUnits');
    const paging = requirePaging(pageSize, bookmark);
    const page = await ledger.units.page(paging.pageSize, paging.bookmark);
    return { items: page.values, bookmark: page.bookmark, pageSize: paging.pageSize };
  }
}
