/**
 * A small model of the idcard chaincode's writes, for building test ledgers:
 * each operation returns the keys and JSON values the chaincode would write
 * (records, indexes, guards) and remembers what the replay must rebuild.
 */
import { createHash } from 'node:crypto';
import type { CardAction, CardState } from '@idcard/common';
import { compositeKey, recordKey } from '../record-keys';
import type { TestWrite } from './fabric-blocks';

/** A pseudonymous reference like the gateway's (`k1.<64 hex>`). */
export function ref(seed: string): string {
  return `k1.${createHash('sha256').update(seed).digest('hex')}`;
}

/** The card record as the chaincode stores it. */
export interface ModelCard {
  cardRef: string;
  personRef: string;
  nameCheck: string;
  kind: 'RESIDENT_CARD' | 'TEMPORARY_CERTIFICATE';
  state: CardState;
  validFrom: string;
  validUntil: string;
  issuedAt: string;
  updatedAt: string;
  lastAction: CardAction;
  lastReason: string | null;
  occurredAt: string;
  officerUnit: string;
  replacedBy: string | null;
}

/** The verification record as the chaincode stores it. */
export interface ModelVerification {
  recordId: string;
  requestId: string;
  unitId: string;
  purpose: string;
  channel: 'CARD' | 'EID_TOKEN';
  cardRef: string | null;
  result: 'VALID' | 'INVALID' | 'DENIED';
  reason: string | null;
  txId: string;
  txTime: string;
}

/** One item of a verification request. */
export interface VerifyItem {
  readonly unitId: string;
  readonly requestId: string;
  readonly purpose: string;
  readonly seed: string;
  readonly result: ModelVerification['result'];
  readonly reason: string | null;
}

const json = (value: unknown): string => JSON.stringify(value);

/** What the chaincode writes, and what the replay must end up with. */
export class ChaincodeModel {
  readonly cards = new Map<string, ModelCard>();
  readonly history = new Map<string, CardAction[]>();
  readonly verifications = new Map<string, ModelVerification>();
  readonly fraudReports = new Map<
    string,
    { reportId: string; unitId: string; cardRef: string; category: string }
  >();
  readonly units = new Map<string, { unitId: string; state: string; allowedPurposes: string[] }>();

  #record(card: ModelCard, action: CardAction): TestWrite {
    this.cards.set(card.cardRef, card);
    this.history.set(card.cardRef, [...(this.history.get(card.cardRef) ?? []), action]);
    return { key: recordKey('card', card.cardRef), value: json(card) };
  }

  /** IssueCard: the card, the person index, the guard; earlier live cards become REPLACED. */
  issueCard(seed: string, person: string, validFrom: string, time: string): TestWrite[] {
    const cardRef = ref(`card:${seed}`);
    const personRef = ref(`person:${person}`);
    const writes: TestWrite[] = [];
    for (const old of this.cards.values()) {
      if (old.personRef !== personRef || !['VALID', 'LOST', 'STOLEN'].includes(old.state)) continue;
      const replaced: ModelCard = {
        ...old,
        state: 'REPLACED',
        lastAction: 'REPLACE',
        lastReason: 'REPLACED',
        updatedAt: time,
        replacedBy: cardRef,
      };
      writes.push(this.#record(replaced, 'REPLACE'));
    }
    const card: ModelCard = {
      cardRef,
      personRef,
      nameCheck: ref(`name:${person}`),
      kind: 'RESIDENT_CARD',
      state: 'VALID',
      validFrom,
      validUntil: '2036-01-01',
      issuedAt: time,
      updatedAt: time,
      lastAction: 'ISSUE',
      lastReason: writes.length > 0 ? 'RENEWAL' : 'FIRST_ISSUE',
      occurredAt: time,
      officerUnit: 'PSB-110101',
      replacedBy: null,
    };
    writes.push(this.#record(card, 'ISSUE'));
    writes.push({ key: compositeKey('person~card', [personRef, cardRef]), value: json({ cardRef }) });
    writes.push({ key: 'guard/cards', value: json({ guard: 'cards' }) });
    return writes;
  }

  /** A status change of an existing card. */
  transition(seed: string, action: CardAction, state: CardState, reason: string, time: string): TestWrite[] {
    const old = this.cards.get(ref(`card:${seed}`));
    if (old === undefined) throw new Error(`no card ${seed}`);
    return [
      this.#record(
        { ...old, state, lastAction: action, lastReason: reason, updatedAt: time, occurredAt: time },
        action,
      ),
    ];
  }

  /** RegisterUnit / SuspendUnit. */
  unit(unitId: string, state: 'ACTIVE' | 'SUSPENDED', time: string): TestWrite[] {
    const unit = {
      unitId,
      category: 'BANK',
      displayName: `Unit ${unitId}`,
      allowedPurposes: ['ACCOUNT_OPENING', 'LOAN_APPLICATION'],
      state,
      suspensionReason: null,
      registeredAt: time,
      updatedAt: time,
    };
    this.units.set(unitId, { unitId, state, allowedPurposes: unit.allowedPurposes });
    return [
      { key: recordKey('unit', unitId), value: json(unit) },
      { key: 'guard/units', value: json({ guard: 'units' }) },
    ];
  }

  /** VerifyCard: the record, its two indexes and the request-id key. */
  verify(
    txId: string,
    time: string,
    unitId: string,
    requestId: string,
    purpose: string,
    seed: string,
    result: ModelVerification['result'],
    reason: string | null,
  ): TestWrite[] {
    return this.verifyBatch(txId, time, [{ unitId, requestId, purpose, seed, result, reason }]);
  }

  /**
   * VerifyCards: per item a record `<txId>.<index>` with its indexes. Honest
   * chaincode gives every item the caller's unit; a test may forge one.
   */
  verifyBatch(txId: string, time: string, items: readonly VerifyItem[]): TestWrite[] {
    return items.flatMap((item, index) => {
      const recordId = `${txId}.${index}`;
      const cardRef = ref(`card:${item.seed}`);
      const { unitId, requestId } = item;
      const record: ModelVerification = {
        recordId,
        requestId,
        unitId,
        purpose: item.purpose,
        channel: 'CARD',
        cardRef,
        result: item.result,
        reason: item.reason,
        txId,
        txTime: time,
      };
      this.verifications.set(recordId, record);
      return [
        { key: recordKey('verification', recordId), value: json({ ...record, replayed: false }) },
        { key: compositeKey('verification~card', [cardRef, time, recordId]), value: json({ recordId }) },
        { key: `verification-by-unit/${unitId}/${time}/${recordId}`, value: json({ recordId }) },
        { key: compositeKey('verification~request', [unitId, requestId]), value: json({ recordId }) },
      ];
    });
  }

  /** ReportFraud. */
  reportFraud(txId: string, time: string, unitId: string, seed: string, category: string): TestWrite[] {
    const reportId = `${txId}.0`;
    const cardRef = ref(`card:${seed}`);
    this.fraudReports.set(reportId, { reportId, unitId, cardRef, category });
    const report = {
      reportId,
      requestId: `fr-${reportId.slice(0, 8)}`,
      unitId,
      cardRef,
      category,
      recordId: '',
      txId,
      txTime: time,
      replayed: false,
    };
    return [
      { key: recordKey('fraudReport', reportId, [time]), value: json(report) },
      {
        key: compositeKey('fraud~request', [unitId, report.requestId]),
        value: json({ txTime: time, reportId }),
      },
    ];
  }
}
