/**
 * Compares the replayed state with the live world state read through the
 * chaincode's queries (the `WorldStateReader` port). The chaincode has no
 * "list every card" query, so cards are looked up one by one from the
 * replay; verifications are listed per unit (every unit the replay or the
 * registry knows), fraud reports and units in full.
 */
import type { ReplayState } from './replay-state';

/** A card as a chaincode query returns it (the fields compared). */
export interface LiveCard {
  readonly cardRef: string;
  readonly state: string;
  readonly personRef?: string;
  readonly lastAction?: string;
  readonly updatedAt?: string;
  readonly validUntil?: string;
}

/** A verification record as a chaincode query returns it. */
export interface LiveVerification {
  readonly recordId: string;
  readonly unitId: string;
  readonly purpose: string;
  readonly result: string;
  readonly reason: string | null;
  readonly cardRef: string | null;
}

/** The port: the chaincode's read queries, as an auditor identity. */
export interface WorldStateReader {
  /** GetCard; undefined when NOT_FOUND. */
  getCard(cardRef: string): Promise<LiveCard | undefined>;
  /** ListUnits, all pages. */
  listUnits(): AsyncIterable<{ readonly unitId: string; readonly state: string }>;
  /** ListVerificationsByUnit over all time, all pages. */
  listVerificationsByUnit(unitId: string): AsyncIterable<LiveVerification>;
  /** ListFraudReports, all pages. */
  listFraudReports(): AsyncIterable<{ readonly reportId: string }>;
}

/** Kinds of difference between replay and world state. */
export type DifferenceKind =
  | 'card-missing-live'
  | 'card-differs'
  | 'unit-missing-live'
  | 'unit-missing-replay'
  | 'unit-differs'
  | 'verification-missing-live'
  | 'verification-missing-replay'
  | 'verification-differs'
  | 'fraud-report-missing-live'
  | 'fraud-report-missing-replay';

/** One difference; values are pseudonymous references and codes only. */
export interface StateDifference {
  readonly kind: DifferenceKind;
  readonly id: string;
  readonly field?: string;
  readonly replayed?: string | null;
  readonly live?: string | null;
}

function fieldDiffs(
  kind: DifferenceKind,
  id: string,
  replayed: Readonly<Record<string, string | null | undefined>>,
  live: Readonly<Record<string, string | null | undefined>>,
): StateDifference[] {
  return Object.keys(replayed).flatMap((field) => {
    const a = replayed[field] ?? null;
    const b = live[field];
    // A field the live shape does not carry is not compared.
    if (b === undefined || a === b) return [];
    return [{ kind, id, field, replayed: a, live: b }];
  });
}

async function compareCards(state: ReplayState, reader: WorldStateReader): Promise<StateDifference[]> {
  const out: StateDifference[] = [];
  for (const card of state.cards.values()) {
    const live = await reader.getCard(card.cardRef);
    if (live === undefined) {
      out.push({ kind: 'card-missing-live', id: card.cardRef });
      continue;
    }
    const { state: s, personRef, lastAction, updatedAt, validUntil } = card;
    out.push(
      ...fieldDiffs(
        'card-differs',
        card.cardRef,
        { state: s, personRef, lastAction, updatedAt, validUntil },
        { ...live },
      ),
    );
  }
  return out;
}

async function compareUnitsAndVerifications(
  state: ReplayState,
  reader: WorldStateReader,
): Promise<StateDifference[]> {
  const out: StateDifference[] = [];
  const liveUnits = new Map<string, string>();
  for await (const unit of reader.listUnits()) liveUnits.set(unit.unitId, unit.state);
  for (const unit of state.units.values()) {
    const live = liveUnits.get(unit.unitId);
    if (live === undefined) out.push({ kind: 'unit-missing-live', id: unit.unitId });
    else if (live !== unit.state)
      out.push({ kind: 'unit-differs', id: unit.unitId, field: 'state', replayed: unit.state, live });
  }
  for (const unitId of liveUnits.keys())
    if (!state.units.has(unitId)) out.push({ kind: 'unit-missing-replay', id: unitId });
  const unitIds = new Set([...liveUnits.keys(), ...[...state.verifications.values()].map((v) => v.unitId)]);
  const seen = new Set<string>();
  for (const unitId of [...unitIds].sort()) {
    for await (const live of reader.listVerificationsByUnit(unitId)) {
      seen.add(live.recordId);
      const replayed = state.verifications.get(live.recordId);
      if (replayed === undefined) {
        out.push({ kind: 'verification-missing-replay', id: live.recordId });
        continue;
      }
      const { purpose, result, reason, cardRef } = replayed;
      out.push(
        ...fieldDiffs(
          'verification-differs',
          live.recordId,
          { unitId: replayed.unitId, purpose, result, reason, cardRef },
          { ...live },
        ),
      );
    }
  }
  for (const recordId of state.verifications.keys())
    if (!seen.has(recordId)) out.push({ kind: 'verification-missing-live', id: recordId });
  return out;
}

async function compareFraudReports(state: ReplayState, reader: WorldStateReader): Promise<StateDifference[]> {
  const out: StateDifference[] = [];
  const live = new Set<string>();
  for await (const report of reader.listFraudReports()) live.add(report.reportId);
  for (const reportId of state.fraudReports.keys())
    if (!live.has(reportId)) out.push({ kind: 'fraud-report-missing-live', id: reportId });
  for (const reportId of live)
    if (!state.fraudReports.has(reportId)) out.push({ kind: 'fraud-report-missing-replay', id: reportId });
  return out;
}

/**
 * Every difference between the replayed state and the world state.
 * @throws whatever the reader throws (the comparison cannot be completed)
 */
export async function compareWithWorldState(
  state: ReplayState,
  reader: WorldStateReader,
): Promise<StateDifference[]> {
  return [
    ...(await compareCards(state, reader)),
    ...(await compareUnitsAndVerifications(state, reader)),
    ...(await compareFraudReports(state, reader)),
  ];
}
