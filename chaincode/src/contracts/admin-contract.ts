/**
 * Contract `admin` (docs/transactions.md): Bootstrap gives the guard keys
 * their key-level policies, once, at deployment. Calling it again creates
 * nothing and writes nothing.
 */
import type { BootstrapResult } from '@idcard/common';
import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import '../model';
import { begin } from './transaction-scope';

/** Deployment-time set-up. */
@Info({ title: 'admin', description: 'Deployment-time set-up of guard keys' })
export class AdminContract extends Contract {
  constructor() {
    super('admin');
  }

  /** Creates guard/cards (PublicSecurityMSP) and guard/units (BigDataBureauMSP) where missing. */
  @Transaction()
  @Returns('BootstrapResult')
  async Bootstrap(ctx: Context): Promise<BootstrapResult> {
    const { ledger } = begin(ctx, ['operator']);
    return ledger.guards.bootstrap();
  }
}
