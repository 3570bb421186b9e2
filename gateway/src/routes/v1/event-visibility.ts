/**
 * Which chaincode events a caller may see on the event stream. The
 * verification trail of a card reveals where a person has been, so a
 * relying unit sees only its own verifications and fraud reports, officers
 * see card and registry events (the citizen's "who checked my card" view is
 * an explicit query), operators see the unit registry, auditors see all.
 */
import type { Role } from '@idcard/common';
import type { LedgerEvent } from '../../ledger/ledger-client';

const CARD_EVENTS = new Set(['CardIssued', 'CardStatusChanged']);
const UNIT_SCOPED = new Set(['CardVerified', 'CardsVerified', 'FraudReported', 'UnitChanged']);

/** True when the caller may see the event. */
export function isVisibleTo(caller: { role: Role; unit: string | undefined }, event: LedgerEvent): boolean {
  switch (caller.role) {
    case 'auditor':
      return true;
    case 'officer':
      return event.name !== 'CardVerified' && event.name !== 'CardsVerified';
    case 'operator':
      return event.name === 'UnitChanged';
    case 'verifier':
      if (CARD_EVENTS.has(event.name)) return true;
      return UNIT_SCOPED.has(event.name) && caller.unit !== undefined && event.payload.unitId === caller.unit;
  }
}
