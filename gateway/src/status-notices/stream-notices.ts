/**
 * What a relying unit sees of an announcement on its event stream: of the
 * `CardStatusNotices` event, a `CardStatusNotice` carrying only its own
 * notices that fall within the retention window (never another unit's, and
 * without reason code or replacing card, issue 14).
 */
import type { LedgerEvent } from '../ledger/ledger-client';
import { withinRetention } from './retention';

/** The chaincode event of an announcement (privacy:AnnounceCardChange). */
export const NOTICES_EVENT = 'CardStatusNotices';

/** The stream message a unit receives of an announcement. */
export interface UnitNoticeMessage {
  readonly name: 'CardStatusNotice';
  readonly data: { readonly txId: string; readonly notices: readonly NoticeFields[] };
}

interface NoticeFields {
  readonly unitId?: unknown;
  readonly changedAt?: unknown;
  readonly checkedAt?: unknown;
}

function noticesOf(event: LedgerEvent): readonly NoticeFields[] {
  const notices = event.payload.notices;
  return Array.isArray(notices)
    ? notices.filter((n): n is NoticeFields => typeof n === 'object' && n !== null)
    : [];
}

/** The unit's own notices of an announcement within the window, or undefined when none is. */
export function unitNoticeMessage(
  event: LedgerEvent,
  unit: string,
  windowMs: number,
): UnitNoticeMessage | undefined {
  const mine = noticesOf(event).filter(
    (n) =>
      n.unitId === unit &&
      typeof n.changedAt === 'string' &&
      typeof n.checkedAt === 'string' &&
      withinRetention(n.changedAt, n.checkedAt, windowMs),
  );
  if (mine.length === 0) return undefined;
  return { name: 'CardStatusNotice', data: { txId: event.txId, notices: mine } };
}
