/**
 * The world state rebuilt from the replay alone, plus running counts. Plain
 * data throughout (`toJSON` / `fromJSON`), so a checkpoint can hold it and a
 * resumed replay continues exactly where the saved one stopped.
 */
import { parseStateKey, type RecordKind } from './record-keys';
import {
  fraudReportOf,
  jsonObject,
  nextCard,
  unitOf,
  verificationOf,
  type ReplayedCard,
  type ReplayedFraudReport,
  type ReplayedUnit,
  type ReplayedVerification,
  type TxContext,
} from './replay-records';
import type { StateWrite } from './transaction-decoder';

/** Counts kept while replaying. */
export interface ReplayStats {
  blocks: number;
  transactions: number;
  validTransactions: number;
  transactionsByType: Record<string, number>;
  invalidByCode: Record<string, number>;
  transitionsByType: Record<string, number>;
  recordWrites: number;
  otherWrites: number;
  firstTxTime: string | null;
  lastTxTime: string | null;
}

/** A write the audit could not make sense of (layout drift or chaincode bug); not an integrity failure. */
export interface ReplayAnomaly {
  readonly blockNumber: number;
  readonly txId: string;
  readonly message: string;
}

/** The serialised form of a ReplayState. */
export interface ReplayStateJson {
  readonly cards: readonly ReplayedCard[];
  readonly verifications: readonly ReplayedVerification[];
  readonly fraudReports: readonly ReplayedFraudReport[];
  readonly units: readonly ReplayedUnit[];
  readonly eidTokens: readonly string[];
  readonly stats: ReplayStats;
  readonly anomalies: readonly ReplayAnomaly[];
}

function emptyStats(): ReplayStats {
  return {
    blocks: 0,
    transactions: 0,
    validTransactions: 0,
    transactionsByType: {},
    invalidByCode: {},
    transitionsByType: {},
    recordWrites: 0,
    otherWrites: 0,
    firstTxTime: null,
    lastTxTime: null,
  };
}

/** Adds one to a named counter. */
export function bump(counter: Record<string, number>, name: string, by = 1): void {
  counter[name] = (counter[name] ?? 0) + by;
}

/** Rebuilt records and counts; mutated by the replay, one transaction at a time. */
export class ReplayState {
  readonly cards = new Map<string, ReplayedCard>();
  readonly verifications = new Map<string, ReplayedVerification>();
  readonly fraudReports = new Map<string, ReplayedFraudReport>();
  readonly units = new Map<string, ReplayedUnit>();
  readonly eidTokens = new Set<string>();
  readonly stats: ReplayStats = emptyStats();
  readonly anomalies: ReplayAnomaly[] = [];

  /** Restores a saved state. */
  static fromJSON(json: ReplayStateJson): ReplayState {
    const state = new ReplayState();
    for (const c of json.cards) state.cards.set(c.cardRef, c);
    for (const v of json.verifications) state.verifications.set(v.recordId, v);
    for (const f of json.fraudReports) state.fraudReports.set(f.reportId, f);
    for (const u of json.units) state.units.set(u.unitId, u);
    for (const t of json.eidTokens) state.eidTokens.add(t);
    Object.assign(state.stats, structuredClone(json.stats));
    state.anomalies.push(...json.anomalies);
    return state;
  }

  /** The state as plain data. */
  toJSON(): ReplayStateJson {
    return {
      cards: [...this.cards.values()],
      verifications: [...this.verifications.values()],
      fraudReports: [...this.fraudReports.values()],
      units: [...this.units.values()],
      eidTokens: [...this.eidTokens],
      stats: structuredClone(this.stats),
      anomalies: [...this.anomalies],
    };
  }

  /** Notes a transaction's time for the time range. */
  noteTime(txTime: string): void {
    if (txTime === '') return;
    if (this.stats.firstTxTime === null || txTime < this.stats.firstTxTime) this.stats.firstTxTime = txTime;
    if (this.stats.lastTxTime === null || txTime > this.stats.lastTxTime) this.stats.lastTxTime = txTime;
  }

  /** Applies the writes of one VALID transaction. */
  applyWrites(tx: TxContext, writes: readonly StateWrite[]): void {
    for (const write of writes) this.#applyWrite(tx, write);
  }

  #anomaly(tx: TxContext, message: string): void {
    this.anomalies.push({ blockNumber: tx.blockNumber, txId: tx.txId, message });
  }

  #applyWrite(tx: TxContext, write: StateWrite): void {
    const key = parseStateKey(write.key);
    if (key.kind === 'other') {
      this.stats.otherWrites += 1;
      return;
    }
    this.#applyRecord(tx, key.kind, key.id, write);
  }

  #applyRecord(tx: TxContext, kind: RecordKind, id: string, write: StateWrite): void {
    this.stats.recordWrites += 1;
    if (write.isDelete) {
      this.#anomaly(tx, `${kind} ${id} deleted`);
      return;
    }
    const json = jsonObject(write.value);
    if (json === undefined) {
      this.#anomaly(tx, `${kind} ${id}: value is not a JSON object`);
      return;
    }
    switch (kind) {
      case 'card':
        this.#applyCard(tx, id, json);
        return;
      case 'verification':
        this.#applyVerification(tx, id, json);
        return;
      case 'fraudReport': {
        const report = fraudReportOf(json, tx);
        if (report === undefined) this.#anomaly(tx, `fraud report ${id}: not a fraud report`);
        else this.fraudReports.set(id, report);
        return;
      }
      case 'unit': {
        const unit = unitOf(json);
        if (unit === undefined) this.#anomaly(tx, `unit ${id}: not a unit`);
        else this.units.set(id, unit);
        return;
      }
      case 'eidToken':
        this.eidTokens.add(id);
        return;
    }
  }

  #applyCard(tx: TxContext, cardRef: string, json: Readonly<Record<string, unknown>>): void {
    const previous = this.cards.get(cardRef);
    const card = nextCard(json, previous, tx);
    if (card === undefined) {
      this.#anomaly(tx, `card ${cardRef}: not a card record`);
      return;
    }
    if (card.cardRef !== cardRef) this.#anomaly(tx, `card key ${cardRef} holds card ${card.cardRef}`);
    const added = card.history.length - (previous?.history.length ?? 0);
    const last = card.history[card.history.length - 1];
    if (added > 0 && last !== undefined) bump(this.stats.transitionsByType, last.action);
    this.cards.set(cardRef, card);
  }

  #applyVerification(tx: TxContext, recordId: string, json: Readonly<Record<string, unknown>>): void {
    const record = verificationOf(json, tx);
    if (record === undefined) {
      this.#anomaly(tx, `verification ${recordId}: not a verification record`);
      return;
    }
    if (this.verifications.has(recordId)) this.#anomaly(tx, `verification ${recordId} rewritten`);
    this.verifications.set(recordId, record);
  }
}
