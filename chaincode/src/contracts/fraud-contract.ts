/**
 * Contract `fraud` (docs/transactions.md): relying units report suspected
 * fraud about a presented card; agencies and auditors list the reports.
 */
import { FRAUD_CATEGORIES, RECORD_ID_PATTERN, type FraudReport, type Page } from '@idcard/common';
import { Context, Contract, Info } from 'fabric-contract-api';
import { requireVisibleRecord } from '../access/require-role';
import {
  requireOneOf,
  requirePaging,
  requirePattern,
  requireReference,
  requireRequestId,
} from '../domain/input-checks';
import { recordIdOf } from '../domain/verification-record';
import { IdempotencyMismatchError, ValidationError } from '../errors';
import type { StoredFraudReport } from '../ledger/fraud-store';
import '../model';
import { WireTransaction } from './wire-transaction';
import { resultPage } from './result-page';
import { begin } from './transaction-scope';

function view(report: StoredFraudReport, replayed: boolean): FraudReport {
  return { ...report, replayed };
}

/** Files and lists fraud reports. */
@Info({ title: 'fraud', description: 'Fraud reports by relying units' })
export class FraudContract extends Contract {
  constructor() {
    super('fraud');
  }

  /**
   * Files a report; a repeated (unit, requestId) returns the first report
   * when it repeats the same card, category and record.
   */
  @WireTransaction()
  async ReportFraud(
    ctx: Context,
    requestId: string,
    cardRef: string,
    category: string,
    recordId: string,
  ): Promise<FraudReport> {
    const { caller, ledger, txTime } = begin(ctx, 'ReportFraud');
    const request = requireRequestId('requestId', requestId);
    const ref = requireReference('cardRef', cardRef);
    const checkedCategory = requireOneOf('category', category, FRAUD_CATEGORIES);
    const record = recordId === '' ? null : requirePattern('recordId', recordId, RECORD_ID_PATTERN);
    const first = await ledger.fraud.findByRequest(caller.unit, request);
    if (first !== undefined) {
      const same = first.cardRef === ref && first.category === checkedCategory && first.recordId === record;
      if (!same) throw new IdempotencyMismatchError(request);
      return view(first, true);
    }
    if (record !== null) {
      const verification = requireVisibleRecord(caller, await ledger.verifications.find(record), record);
      if (verification.cardRef !== ref) throw new ValidationError('recordId is about another card');
    }
    const txId = ledger.state.txId;
    const report: StoredFraudReport = {
      reportId: recordIdOf(txId, 0),
      requestId: request,
      unitId: caller.unit,
      cardRef: ref,
      category: checkedCategory,
      recordId: record,
      txId,
      txTime,
    };

    await ledger.fraud.add(report);
    const { reportId, unitId } = report;
    ledger.state.emit('FraudReported', { reportId, unitId, cardRef: ref, category: checkedCategory });
    return view(report, false);
  }

  /** Reports, oldest first. */
  @WireTransaction()
  async ListFraudReports(ctx: Context, pageSize: string, bookmark: string): Promise<Page<FraudReport>> {
    const { ledger } = begin(ctx, 'ListFraudReports');
    const paging = requirePaging(pageSize, bookmark);
    const page = await ledger.fraud.page(paging.pageSize, paging.bookmark);
    return resultPage(page, paging.pageSize, (report) => view(report, false));
  }
}
