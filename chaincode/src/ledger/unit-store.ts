/**
 * The relying-unit registry on the ledger. Creating a unit sets the unit
 * key's policy (BigDataBureauMSP) and blind-writes guard/units.
 */
import { GUARD_KEYS, type Unit } from '@idcard/common';
import { NotFoundError } from '../errors';
import { KEY_POLICIES } from './endorsement-policies';
import type { GuardStore } from './guard-store';
import { KEY_TYPES } from './keys';
import type { StateStore, ValuePage } from './state-store';

/** Reads and writes relying units. */
export class UnitStore {
  readonly #state: StateStore;
  readonly #guards: GuardStore;

  constructor(state: StateStore, guards: GuardStore) {
    this.#state = state;
    this.#guards = guards;
  }

  #key(unitId: string): string {
    return this.#state.key(KEY_TYPES.unit, [unitId]);
  }

  /** The unit, or undefined. */
  async find(unitId: string): Promise<Unit | undefined> {
    return this.#state.read<Unit>(this.#key(unitId));
  }

  /**
   * The unit.
   * @throws NotFoundError when there is none.
   */
  async get(unitId: string): Promise<Unit> {
    const unit = await this.find(unitId);
    if (unit === undefined) throw new NotFoundError(`no unit ${unitId}`);
    return unit;
  }

  /** Writes a new unit, its policy, and the guard. */
  async create(unit: Unit): Promise<void> {
    await this.#state.writeWithPolicy(this.#key(unit.unitId), unit, KEY_POLICIES.unit);
    await this.#guards.touch(GUARD_KEYS.units);
  }

  /** Writes a changed unit. */
  async update(unit: Unit): Promise<void> {
    await this.#state.write(this.#key(unit.unitId), unit);
  }

  /** A page of units in unitId order. */
  async page(pageSize: number, bookmark: string): Promise<ValuePage<Unit>> {
    return this.#state.pageByPartialKey<Unit>(KEY_TYPES.unit, [], pageSize, bookmark);
  }
}
