/**
 * Runs contract transactions against a FakeWorld the way a peer would:
 * one fresh stub per transaction, committed only when the transaction
 * succeeds. Every run checks that iterators were closed and at most one
 * event was set; every refused run checks that nothing was written.
 */
import type { Context } from 'fabric-contract-api';
import { AdminContract } from '../contracts/admin-contract';
import { CardsContract } from '../contracts/cards-contract';
import { EidContract } from '../contracts/eid-contract';
import { FraudContract } from '../contracts/fraud-contract';
import { PrivacyContract } from '../contracts/privacy-contract';
import { UnitsContract } from '../contracts/units-contract';
import { VerificationContract } from '../contracts/verification-contract';
import { ChaincodeError } from '../errors';
import { FakeStub, FakeWorld } from './fake-stub';
import { sha256, type CardSpec } from './fixtures';
import { callers, type FakeIdentity } from './identities';

/** The contracts under test. */
export const contracts = {
  cards: new CardsContract(),
  verification: new VerificationContract(),
  eid: new EidContract(),
  fraud: new FraudContract(),
  units: new UnitsContract(),
  admin: new AdminContract(),
  privacy: new PrivacyContract(),
};

/** A transaction body: a contract call given the context. */
export type Call<T> = (ctx: Context) => Promise<T>;

/** A fake channel with a clock. */
export class Harness {
  readonly world = new FakeWorld();
  /** Transaction time of the next run; each run then advances it by one second. */
  now = '2026-03-01T08:00:00.000Z';
  /** The stub of the last run. */
  last: FakeStub | undefined;
  #sequence = 0;

  /** Sets the clock. */
  at(instant: string): this {
    this.now = instant;
    return this;
  }

  /** An instant `seconds` before (negative: after) the clock. */
  ago(seconds: number): string {
    return new Date(Date.parse(this.now) - seconds * 1000).toISOString();
  }

  /** Runs a transaction as `who`; commits it when it succeeds. */
  async run<T>(who: FakeIdentity, call: Call<T>): Promise<T> {
    this.#sequence += 1;
    const stub = new FakeStub(this.world, sha256(`tx-${this.#sequence}`), this.now);
    this.last = stub;
    const ctx = { stub, clientIdentity: who } as unknown as Context;
    let result: T;
    try {
      result = await call(ctx);
    } catch (error) {
      this.#advance();
      if (!stub.wroteNothing())
        throw new Error('a refused transaction wrote to the ledger', { cause: error });
      if (stub.openIterators !== 0) throw new Error('a refused transaction left an iterator open');
      throw error;
    }
    this.#advance();
    if (stub.openIterators !== 0) throw new Error('a transaction left an iterator open');
    if (stub.events.length > 1) throw new Error('a transaction set more than one event');
    stub.commit();
    return result;
  }

  #advance(): void {
    this.now = new Date(Date.parse(this.now) + 1000).toISOString();
  }

  /** Runs a transaction expected to be refused; returns the typed error (nothing was written). */
  async refuse(who: FakeIdentity, call: Call<unknown>): Promise<ChaincodeError> {
    try {
      await this.run(who, call);
    } catch (error) {
      if (error instanceof ChaincodeError) return error;
      throw error;
    }
    throw new Error('the transaction was not refused');
  }

  /** Creates the guard keys. */
  async bootstrap() {
    return this.run(callers.operator(), (ctx) => contracts.admin.Bootstrap(ctx));
  }

  /** Issues a card as an officer. */
  async issue(spec: CardSpec, reasonCode = 'FIRST_ISSUE', officer = callers.officer()) {
    return this.run(officer, (ctx) =>
      contracts.cards.IssueCard(
        ctx,
        spec.cardRef,
        spec.personRef,
        spec.nameCheck,
        spec.kind,
        spec.validFrom,
        spec.validUntil,
        reasonCode,
        this.ago(3600),
      ),
    );
  }

  /** Registers an ACTIVE unit as the operator. */
  async registerUnit(unitId = 'BANK-001', purposes: readonly string[] = ['ACCOUNT_OPENING']) {
    return this.run(callers.operator(), (ctx) =>
      contracts.units.RegisterUnit(ctx, unitId, 'BANK', JSON.stringify(purposes), `Unit ${unitId}`),
    );
  }
}
