/**
 * Contract `admin` (docs/transactions.md): Bootstrap gives the guard keys
 * their key-level policies, once, at deployment. Calling it again creates
 * nothing and writes nothing.
 */
import type { BootstrapResult } from '@idcard/common';
import { Context, Contract, Info } from 'fabric-contract-api';
import '../model';
import { WireTransaction } from './wire-transaction';
import { begin } from './transaction-scope';

/** Deployment-time set-up. */
@Info({ title: 'admin', description: 'Deployment-time set-up of guard keys' })
export class AdminContract extends Contract {
  constructor() {
    super('admin');
  }

  /** Creates guard/cards (PublicSecurityMSP) and guard/units (BigDataBureauMSP) where missing. */
  @WireTransaction()
  async Bootstrap(ctx: Context): Promise<BootstrapResult> {
    const { ledger } = begin(ctx, 'Bootstrap');
    return ledger.guards.bootstrap();
  }
}
