/**
 * The start of every transaction: authorise the caller from its client
 * identity, then open the ledger of the transaction. Authorisation comes
 * first, so a caller without the role learns nothing from argument checks.
 */
import { TRANSACTIONS, type TransactionName } from '@idcard/common';
import type { Context } from 'fabric-contract-api';
import { callerOf } from '../access/caller';
import { requireRole, type AuthorisedCaller } from '../access/require-role';
import { openLedger, type Ledger } from '../ledger/ledger';

/** The authorised caller and the ledger of one transaction. */
export interface TransactionScope {
  readonly caller: AuthorisedCaller;
  readonly ledger: Ledger;
  /** The transaction time, a fixed-width ISO instant. */
  readonly txTime: string;
}

/**
 * Authorises the caller for one of the roles the wire table allows the
 * transaction, and opens the ledger.
 * @throws ForbiddenError when the caller may not call the transaction.
 */
export function begin(ctx: Context, transaction: TransactionName): TransactionScope {
  const caller = requireRole(callerOf(ctx.clientIdentity), TRANSACTIONS[transaction].roles);
  const ledger = openLedger(ctx.stub);
  return { caller, ledger, txTime: ledger.state.txTime };
}
