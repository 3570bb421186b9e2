/**
 * The announcement of a committed card change to the units told VALID
 * before it (status notices, issue 14). It runs after the change has
 * committed and never undoes or fails it: a failure is logged, and the
 * officer repeats it with POST /v1/cards/{cardRef}/announce (an
 * announcement already made records nothing again).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { LedgerClient, LedgerIdentity } from '../ledger/ledger-client';
import { toProblem } from '../plugins/problem-details';

/** Announces the committed change of `cardRef`, signed as `identity`; a failure is logged, never thrown. */
export async function announceCardChange(
  ledger: LedgerClient,
  identity: LedgerIdentity,
  cardRef: string,
  log: FastifyBaseLogger,
): Promise<void> {
  try {
    await ledger.submit(identity, 'AnnounceCardChange', { cardRef });
  } catch (err) {
    log.warn({ problem: toProblem(err).kind, cardRef }, 'status notices of a card change not announced');
  }
}
