/**
 * The audit's WorldStateReader over the chaincode's read queries
 * (docs/transactions.md: GetCard, ListUnits, ListVerificationsByUnit,
 * ListFraudReports), asked through a query function: the gateway's
 * LedgerClient.evaluate bound to an auditor identity (the gateway's replay
 * and the CLI's `idcard audit replay --online`).
 */
import { LIMITS } from '@idcard/common';
import type { LiveCard, WorldStateReader } from '@idcard/audit';
import { allPages } from '../ledger/pages';
import { ChaincodeError } from '../ledger/ledger-errors';
import type { QueryName, TxArgs, TxResult } from '../ledger/transactions';

/** Evaluates one chaincode query as the auditor. @throws LedgerError */
export type AuditQuery = <N extends QueryName>(name: N, args: TxArgs<N>) => Promise<TxResult<N>>;

/** The widest window the chaincode accepts: every verification ever recorded. */
const ALL_TIME = { from: '1970-01-01T00:00:00.000Z', to: '9999-12-31T23:59:59.999Z' } as const;

/** A WorldStateReader asking the chaincode through `query`. */
export function ledgerWorldState(query: AuditQuery): WorldStateReader {
  const pageSize = LIMITS.maxPageSize;
  return {
    async getCard(cardRef: string): Promise<LiveCard | undefined> {
      try {
        const card = await query('GetCard', { cardRef });
        const { state, personRef, lastAction, updatedAt, validUntil } = card;
        return { cardRef: card.cardRef, state, personRef, lastAction, updatedAt, validUntil };
      } catch (err) {
        if (err instanceof ChaincodeError && err.code === 'NOT_FOUND') return undefined;
        throw err;
      }
    },
    listUnits() {
      return allPages((bookmark) => query('ListUnits', { pageSize, bookmark }));
    },
    listVerificationsByUnit(unitId: string) {
      return allPages((bookmark) =>
        query('ListVerificationsByUnit', { unitId, ...ALL_TIME, pageSize, bookmark }),
      );
    },
    listFraudReports() {
      return allPages((bookmark) => query('ListFraudReports', { pageSize, bookmark }));
    },
  };
}
