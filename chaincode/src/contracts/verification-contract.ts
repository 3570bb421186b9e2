/**
 * Contract `verification` (docs/transactions.md): relying units verify
 * presented cards, one or many per transaction, under the current pseudonym
 * key and earlier ones; every answer, DENIED included, is a record; a
 * repeated (unit, requestId) returns the first only for the same request.
 */
import {
  PURPOSES,
  RECORD_ID_PATTERN,
  type Page,
  type VerificationBatch,
  type VerificationRecord,
} from '@idcard/common';
import { Context, Contract, Info } from 'fabric-contract-api';
import { requireVisibleRecord } from '../access/require-role';
import type { AuthorisedCaller } from '../access/require-role';
import { parseEarlierRefs, type CardReferences } from '../domain/earlier-refs';
import {
  requireBookmarkText,
  requireOneOf,
  requirePageSize,
  requirePattern,
  requireReference,
  requireRequestId,
} from '../domain/input-checks';
import { parseBulkItems, requirePresentedCard, type PresentedCard } from '../domain/presented-card';
import { storedView, verificationView } from '../domain/verification-record';
import type { Ledger } from '../ledger/ledger';
import '../model';
import { WireTransaction } from './wire-transaction';
import { resultPage } from './result-page';
import { begin } from './transaction-scope';
import { requireUnitWindow } from './unit-window';
import { decideVerifications, writeVerifications } from './verify-presented';

/** Verifies presented cards and answers verification queries. */
@Info({ title: 'verification', description: 'Card verification by relying units, and its records' })
export class VerificationContract extends Contract {
  constructor() {
    super('verification');
  }

  /** Verifies one presented card for a purpose. */
  @WireTransaction()
  async VerifyCard(
    ctx: Context,
    requestId: string,
    purpose: string,
    cardRef: string,
    personRef: string,
    nameCheck: string,
    validFrom: string,
    validUntil: string,
  ): Promise<VerificationRecord> {
    const { caller, ledger } = begin(ctx, 'VerifyCard');
    const card = requirePresentedCard({ cardRef, personRef, nameCheck, validFrom, validUntil });
    return this.#verifyOne({ caller, ledger }, { requestId, purpose, card, earlierRefs: [] });
  }

  /** VerifyCard, with the card's references under earlier pseudonym keys: the card is found under any of them. */
  @WireTransaction()
  async VerifyCardAcrossKeys(
    ctx: Context,
    requestId: string,
    purpose: string,
    cardRef: string,
    personRef: string,
    nameCheck: string,
    validFrom: string,
    validUntil: string,
    earlierRefs: string,
  ): Promise<VerificationRecord> {
    const { caller, ledger } = begin(ctx, 'VerifyCardAcrossKeys');
    const card = requirePresentedCard({ cardRef, personRef, nameCheck, validFrom, validUntil });
    const earlier = parseEarlierRefs(earlierRefs, card);
    return this.#verifyOne({ caller, ledger }, { requestId, purpose, card, earlierRefs: earlier });
  }

  /** Verifies up to LIMITS.maxBulkItems presented cards for one purpose; one record per item. */
  @WireTransaction()
  async VerifyCards(ctx: Context, purpose: string, items: string): Promise<VerificationBatch> {
    const { caller, ledger } = begin(ctx, 'VerifyCards');
    const checkedPurpose = requireOneOf('purpose', purpose, PURPOSES);
    const parsed = parseBulkItems(items);
    const request = { ledger, unitId: caller.unit, purpose: checkedPurpose, items: parsed };
    const { fresh, answers } = await decideVerifications(request);

    await writeVerifications(ledger, fresh);
    if (fresh.length > 0) {
      ledger.state.emit('CardsVerified', {
        unitId: caller.unit,
        purpose: checkedPurpose,
        records: fresh.map(({ record: { recordId, cardRef, result, reason } }) => ({
          recordId,
          cardRef,
          result,
          reason,
        })),
      });
    }
    return { records: answers };
  }

  /** One record: auditors any, a verifier only its own (another unit's answers NOT_FOUND, like a missing one). */
  @WireTransaction()
  async GetVerification(ctx: Context, recordId: string): Promise<VerificationRecord> {
    const { caller, ledger } = begin(ctx, 'GetVerification');
    const id = requirePattern('recordId', recordId, RECORD_ID_PATTERN);
    const record = requireVisibleRecord(caller, await ledger.verifications.find(id), id);
    return verificationView(record, false);
  }

  /**
   * A card's verifications, oldest first, for auditors. Officers read a
   * citizen's trail only through the privacy contract's ReadCardTrail, which
   * records who read it and why.
   */
  @WireTransaction()
  async ListVerificationsByCard(
    ctx: Context,
    cardRef: string,
    pageSize: string,
    bookmark: string,
  ): Promise<Page<VerificationRecord>> {
    const { ledger } = begin(ctx, 'ListVerificationsByCard');
    const size = requirePageSize(pageSize);
    const ref = requireReference('cardRef', cardRef);
    const page = await ledger.verifications.pageByCard(ref, size, requireBookmarkText(bookmark));
    return resultPage(page, size, storedView);
  }

  /** A unit's verifications with from <= txTime <= to, oldest first: auditors any unit, a verifier its own. */
  @WireTransaction()
  async ListVerificationsByUnit(
    ctx: Context,
    unitId: string,
    from: string,
    to: string,
    pageSize: string,
    bookmark: string,
  ): Promise<Page<VerificationRecord>> {
    const { caller, ledger } = begin(ctx, 'ListVerificationsByUnit');
    const window = requireUnitWindow(caller, { unitId, from, to, pageSize, bookmark });
    return resultPage(await ledger.verifications.pageByUnit(window), window.pageSize, storedView);
  }

  async #verifyOne(
    scope: { caller: AuthorisedCaller; ledger: Ledger },
    input: { requestId: string; purpose: string; card: PresentedCard; earlierRefs: CardReferences[] },
  ): Promise<VerificationRecord> {
    const { caller, ledger } = scope;
    const item = {
      requestId: requireRequestId('requestId', input.requestId),
      ...input.card,
      earlierRefs: input.earlierRefs,
    };
    const checkedPurpose = requireOneOf('purpose', input.purpose, PURPOSES);
    const request = { ledger, unitId: caller.unit, purpose: checkedPurpose, items: [item] };
    const { fresh, answers } = await decideVerifications(request);
    const [answer] = answers;
    if (answer === undefined) throw new Error('one item gives one answer');

    await writeVerifications(ledger, fresh);
    if (!answer.replayed) {
      const { recordId, unitId, cardRef, result, reason } = answer;
      ledger.state.emit('CardVerified', {
        recordId,
        unitId,
        cardRef,
        purpose: checkedPurpose,
        result,
        reason,
      });
    }
    return answer;
  }
}
