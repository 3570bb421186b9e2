/**
 * Contract `privacy` (issue 14, docs/transactions.md): what a relying unit
 * is told about cards it checked (status notices, announced after each card
 * change), and the officers' reads of a card's verification trail, each
 * recorded on the ledger with a purpose so the citizen and auditors can see
 * who looked.
 */
import {
  TRAIL_READ_PURPOSES,
  type NoticeBatch,
  type Page,
  type StatusNotice,
  type TrailRead,
  type VerificationRecord,
} from '@idcard/common';
import { Context, Contract, Info } from 'fabric-contract-api';
import { requireOneOf, requirePaging, requireReference } from '../domain/input-checks';
import { recordIdOf, storedView } from '../domain/verification-record';
import '../model';
import { announceCardChange } from '../status-notices/announcement';
import { WireTransaction } from './wire-transaction';
import { resultPage } from './result-page';
import { begin } from './transaction-scope';
import { requireUnitWindow } from './unit-window';

/** Status notices and recorded trail reads. */
@Info({
  title: 'privacy',
  description: 'Status notices to the units that checked a card; recorded trail reads',
})
export class PrivacyContract extends Contract {
  constructor() {
    super('privacy');
  }

  /**
   * Announces a card's latest change (for a newly issued card: the
   * replacement of the cards it replaced) to the units told VALID before
   * it: one notice each, and one CardStatusNotices event. A version already
   * announced records nothing again.
   */
  @WireTransaction()
  async AnnounceCardChange(ctx: Context, cardRef: string): Promise<NoticeBatch> {
    const { ledger } = begin(ctx, 'AnnounceCardChange');
    return announceCardChange(ledger, requireReference('cardRef', cardRef));
  }

  /**
   * A page of a card's verifications for an officer (the citizen's "who
   * checked my card"), recording the read: who, when, why.
   */
  @WireTransaction()
  async ReadCardTrail(
    ctx: Context,
    cardRef: string,
    purpose: string,
    pageSize: string,
    bookmark: string,
  ): Promise<Page<VerificationRecord>> {
    const { caller, ledger, txTime } = begin(ctx, 'ReadCardTrail');
    const ref = requireReference('cardRef', cardRef);
    const checkedPurpose = requireOneOf('purpose', purpose, TRAIL_READ_PURPOSES);
    const paging = requirePaging(pageSize, bookmark);
    const page = await ledger.verifications.scanPageByCard(ref, paging.pageSize, paging.bookmark);
    const txId = ledger.state.txId;
    const read: TrailRead = {
      readId: recordIdOf(txId, 0),
      cardRef: ref,
      officerUnit: caller.unit,
      purpose: checkedPurpose,
      txId,
      txTime,
    };

    await ledger.trailReads.add(read);
    const { readId, officerUnit } = read;
    ledger.state.emit('TrailRead', { readId, cardRef: ref, officerUnit, purpose: checkedPurpose });
    return resultPage(page, paging.pageSize, storedView);
  }

  /** Who read a card's verification trail, oldest first (the citizen's "who looked"). */
  @WireTransaction()
  async ListTrailReads(
    ctx: Context,
    cardRef: string,
    pageSize: string,
    bookmark: string,
  ): Promise<Page<TrailRead>> {
    const { ledger } = begin(ctx, 'ListTrailReads');
    const ref = requireReference('cardRef', cardRef);
    const paging = requirePaging(pageSize, bookmark);
    const page = await ledger.trailReads.pageByCard(ref, paging.pageSize, paging.bookmark);
    return { items: page.values, bookmark: page.bookmark, pageSize: paging.pageSize };
  }

  /** A unit's status notices with from <= changedAt <= to, oldest first: auditors any unit, a verifier its own. */
  @WireTransaction()
  async ListStatusNotices(
    ctx: Context,
    unitId: string,
    from: string,
    to: string,
    pageSize: string,
    bookmark: string,
  ): Promise<Page<StatusNotice>> {
    const { caller, ledger } = begin(ctx, 'ListStatusNotices');
    const window = requireUnitWindow(caller, { unitId, from, to, pageSize, bookmark });
    const size = window.pageSize;
    const page = await ledger.notices.pageByUnit(window);
    return { items: page.values, bookmark: page.bookmark, pageSize: size };
  }
}
