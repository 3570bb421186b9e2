/**
 * The list of a unit's status notices ("cards you checked that changed",
 * GET /v1/status-notices). A relying unit lists only its own, made at most
 * the retention window after its check and only as far back as the window;
 * an auditor names the unit and lists its notices as recorded.
 */
import type { LedgerCaller } from '../callers/caller-registry';
import type { LedgerClient } from '../ledger/ledger-client';
import { LEDGER_START } from '../ledger/pages';
import type { Page, StatusNotice } from '../ledger/records';
import { ProblemError } from '../problems';
import { retentionStart, withinRetention } from './retention';

/** What the caller asks for: the unit (a relying unit's own by default), a time range and a page. */
export interface NoticeQuery {
  readonly unitId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly pageSize: number;
  readonly bookmark: string;
}

/** Where the list reads from: the ledger, the clock's now and the retention window. */
export interface NoticeListOptions {
  readonly ledger: LedgerClient;
  readonly now: Date;
  readonly windowMs: number;
}

/** The later of two instants. */
function later(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * One page of the unit's notices as the caller may see them.
 * @throws ProblemError `validation` when an auditor names no unit, `forbidden` when a unit asks for another's
 * @throws whatever the ledger's ListStatusNotices throws
 */
export async function listStatusNotices(
  options: NoticeListOptions,
  caller: LedgerCaller,
  query: NoticeQuery,
): Promise<Page<StatusNotice>> {
  const unitId = query.unitId ?? caller.unit;
  if (unitId === undefined) {
    throw new ProblemError('validation', 'unitId is required', {
      errors: [{ path: 'querystring/unitId', message: 'is required for auditors' }],
    });
  }
  const verifier = caller.role === 'verifier';
  if (verifier && unitId !== caller.unit) {
    throw new ProblemError('forbidden', 'A relying unit may list only its own status notices');
  }
  const from = query.from ?? LEDGER_START;
  const page = await options.ledger.evaluate(caller.identity, 'ListStatusNotices', {
    unitId,
    from: verifier ? later(from, retentionStart(options.now, options.windowMs)) : from,
    to: query.to ?? options.now.toISOString(),
    pageSize: query.pageSize,
    bookmark: query.bookmark,
  });
  if (!verifier) return page;
  // A page may hold fewer items than pageSize; an empty bookmark still means the end.
  const items = page.items.filter((n) => withinRetention(n.changedAt, n.checkedAt, options.windowMs));
  return { ...page, items };
}
