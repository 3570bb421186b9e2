/**
 * What a caller sees of each chaincode event on the event stream. The
 * verification trail of a card reveals where a person has been, so:
 * a relying unit sees its own verifications and fraud reports, and of card
 * changes only a `CardStatusNotice` for the cards it was told VALID (from
 * the announcement's `CardStatusNotices`, within the retention window,
 * without reason code or replacing card, issue 14; the filter is
 * ../../status-notices/stream-notices.ts), never `CardIssued` or
 * `CardStatusChanged`; officers see card, eID, fraud, registry and
 * trail-read events, but not which units checked a card (that is the
 * trail, read only through the recorded citizen view); operators see the
 * unit registry; auditors see all.
 */
import type { Role } from '@idcard/common';
import type { LedgerEvent } from '../../ledger/ledger-client';
import { NOTICES_EVENT, unitNoticeMessage } from '../../status-notices/stream-notices';

/** One message of the stream: its event name and data (the event id is the ledger event's). */
export interface StreamMessage {
  readonly name: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The caller as the stream filters it. */
export interface StreamViewer {
  readonly role: Role;
  readonly unit: string | undefined;
}

const UNIT_SCOPED = new Set(['CardVerified', 'CardsVerified', 'FraudReported', 'UnitChanged']);
const HIDDEN_FROM_OFFICERS = new Set(['CardVerified', 'CardsVerified', NOTICES_EVENT]);

/** The message the caller receives for an event, or undefined when it sees nothing of it. */
export function viewOf(
  viewer: StreamViewer,
  event: LedgerEvent,
  retentionMs: number,
): StreamMessage | undefined {
  const whole: StreamMessage = { name: event.name, data: { txId: event.txId, ...event.payload } };
  switch (viewer.role) {
    case 'auditor':
      return whole;
    case 'officer':
      return HIDDEN_FROM_OFFICERS.has(event.name) ? undefined : whole;
    case 'operator':
      return event.name === 'UnitChanged' ? whole : undefined;
    case 'verifier':
      if (viewer.unit === undefined) return undefined;
      if (event.name === NOTICES_EVENT) return unitNoticeMessage(event, viewer.unit, retentionMs);
      return UNIT_SCOPED.has(event.name) && event.payload.unitId === viewer.unit ? whole : undefined;
  }
}

/** True when the event suspends the viewer's own unit (its stream must end). */
export function suspendsViewer(viewer: StreamViewer, event: LedgerEvent): boolean {
  return (
    viewer.role === 'verifier' &&
    event.name === 'UnitChanged' &&
    event.payload.unitId === viewer.unit &&
    event.payload.state === 'SUSPENDED'
  );
}
