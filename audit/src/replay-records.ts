/**
 * The records the audit rebuilds from write sets, and lenient readers from
 * the chaincode's JSON values. Lenient: a missing field becomes null rather
 * than failing the replay; a value that is not a JSON object is refused.
 */
import { CARD_ACTIONS, type CardAction } from '@idcard/common';

/** Where and when a write happened. */
export interface TxContext {
  readonly blockNumber: number;
  readonly txIndex: number;
  readonly txId: string;
  readonly txTime: string;
}

/** One card transition as replayed. */
export interface CardTransition {
  readonly blockNumber: number;
  readonly txIndex: number;
  readonly txId: string;
  readonly txTime: string;
  readonly action: CardAction;
  readonly fromState: string | null;
  readonly toState: string;
  readonly reasonCode: string | null;
  readonly occurredAt: string | null;
  readonly officerUnit: string | null;
}

/** A card's current record and its full history. */
export interface ReplayedCard {
  readonly cardRef: string;
  readonly personRef: string | null;
  readonly kind: string | null;
  readonly state: string;
  readonly validFrom: string | null;
  readonly validUntil: string | null;
  readonly issuedAt: string | null;
  readonly updatedAt: string | null;
  readonly lastAction: string | null;
  readonly lastReason: string | null;
  readonly replacedBy: string | null;
  readonly history: readonly CardTransition[];
}

/** A verification record as replayed. */
export interface ReplayedVerification {
  readonly recordId: string;
  readonly requestId: string | null;
  readonly unitId: string;
  readonly purpose: string;
  readonly channel: string | null;
  readonly cardRef: string | null;
  readonly result: string;
  readonly reason: string | null;
  readonly txId: string;
  readonly txTime: string;
  readonly blockNumber: number;
}

/** A fraud report as replayed. */
export interface ReplayedFraudReport {
  readonly reportId: string;
  readonly unitId: string | null;
  readonly cardRef: string | null;
  readonly category: string | null;
  readonly recordId: string | null;
  readonly txId: string;
  readonly txTime: string;
}

/** A relying unit's registry entry as replayed. */
export interface ReplayedUnit {
  readonly unitId: string;
  readonly category: string | null;
  readonly state: string | null;
  readonly allowedPurposes: readonly string[];
  readonly updatedAt: string | null;
}

type Json = Readonly<Record<string, unknown>>;

/** Parses a state value as a JSON object, or undefined. */
export function jsonObject(value: Uint8Array): Json | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Json)
      : undefined;
  } catch {
    return undefined;
  }
}

function text(json: Json, field: string): string | null {
  const value = json[field];
  return typeof value === 'string' ? value : null;
}

function isAction(value: string | null): value is CardAction {
  return value !== null && (CARD_ACTIONS as readonly string[]).includes(value);
}

/** The action that leads to a state, for records without a known lastAction. */
const ACTION_BY_TARGET: Readonly<Record<string, CardAction>> = {
  LOST: 'REPORT_LOST',
  STOLEN: 'REPORT_STOLEN',
  VALID: 'WITHDRAW_LOSS',
  REPLACED: 'REPLACE',
  REVOKED: 'REVOKE',
};

/** The card record in `json` after the previous one; undefined when it is not a card. */
export function nextCard(
  json: Json,
  previous: ReplayedCard | undefined,
  tx: TxContext,
): ReplayedCard | undefined {
  const cardRef = text(json, 'cardRef');
  const state = text(json, 'state');
  if (cardRef === null || state === null) return undefined;
  const lastAction = text(json, 'lastAction');
  const card = {
    cardRef,
    personRef: text(json, 'personRef'),
    kind: text(json, 'kind'),
    state,
    validFrom: text(json, 'validFrom'),
    validUntil: text(json, 'validUntil'),
    issuedAt: text(json, 'issuedAt'),
    updatedAt: text(json, 'updatedAt'),
    lastAction,
    lastReason: text(json, 'lastReason'),
    replacedBy: text(json, 'replacedBy'),
  };
  const changed = previous === undefined || previous.state !== state || previous.updatedAt !== card.updatedAt;
  if (!changed) return { ...card, history: previous.history };
  const inferred: CardAction = previous === undefined ? 'ISSUE' : (ACTION_BY_TARGET[state] ?? 'REVOKE');
  const transition: CardTransition = {
    blockNumber: tx.blockNumber,
    txIndex: tx.txIndex,
    txId: tx.txId,
    txTime: tx.txTime,
    action: isAction(lastAction) ? lastAction : inferred,
    fromState: previous?.state ?? null,
    toState: state,
    reasonCode: card.lastReason,
    occurredAt: text(json, 'occurredAt'),
    officerUnit: text(json, 'officerUnit'),
  };
  return { ...card, history: [...(previous?.history ?? []), transition] };
}

/** A verification record from `json`, or undefined when it is not one. */
export function verificationOf(json: Json, tx: TxContext): ReplayedVerification | undefined {
  const recordId = text(json, 'recordId');
  const unitId = text(json, 'unitId');
  const result = text(json, 'result');
  if (recordId === null || unitId === null || result === null) return undefined;
  return {
    recordId,
    requestId: text(json, 'requestId'),
    unitId,
    purpose: text(json, 'purpose') ?? 'UNKNOWN',
    channel: text(json, 'channel'),
    cardRef: text(json, 'cardRef'),
    result,
    reason: text(json, 'reason'),
    txId: text(json, 'txId') ?? tx.txId,
    txTime: text(json, 'txTime') ?? tx.txTime,
    blockNumber: tx.blockNumber,
  };
}

/** A fraud report from `json`, or undefined. */
export function fraudReportOf(json: Json, tx: TxContext): ReplayedFraudReport | undefined {
  const reportId = text(json, 'reportId');
  if (reportId === null) return undefined;
  return {
    reportId,
    unitId: text(json, 'unitId'),
    cardRef: text(json, 'cardRef'),
    category: text(json, 'category'),
    recordId: text(json, 'recordId'),
    txId: text(json, 'txId') ?? tx.txId,
    txTime: text(json, 'txTime') ?? tx.txTime,
  };
}

/** A unit registry entry from `json`, or undefined. */
export function unitOf(json: Json): ReplayedUnit | undefined {
  const unitId = text(json, 'unitId');
  if (unitId === null) return undefined;
  const purposes = json.allowedPurposes;
  return {
    unitId,
    category: text(json, 'category'),
    state: text(json, 'state'),
    allowedPurposes: Array.isArray(purposes)
      ? purposes.filter((p): p is string => typeof p === 'string')
      : [],
    updatedAt: text(json, 'updatedAt'),
  };
}
