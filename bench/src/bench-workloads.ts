/**
 * The bench's workloads as operations for the closed loop: the yardstick
 * (one blind write), VerifyCard straight through fabric-gateway, single and
 * batch verifications through the REST API, and the invalidation rounds
 * (report a card lost, verify it at once until the answer is INVALID).
 */
import { randomUUID } from 'node:crypto';
import { BENCH_CHAINCODE_NAME } from '@idcard/network';
import type { Operation } from './closed-loop';
import { inParallel, issueRestCard, type LedgerCard, type PresentedCard } from './bench-cards';
import { submitCommitted, type DirectCallers } from './direct-clients';
import { expectAnswer, postAs, type RestCallers } from './rest-callers';

/** Who does what in the workloads. */
export interface BenchCast {
  readonly officer: string;
  readonly unit: string;
  readonly purpose: string;
  readonly chaincode: string;
}

let sequence = 0;
const nextId = (prefix: string): string => {
  sequence += 1;
  return `${prefix}-${String(sequence)}-${randomUUID().slice(0, 8)}`;
};

/** `trivial`: one blind write of a fresh key through the benchmark chaincode, as the unit. */
export function trivialOperation(direct: DirectCallers, cast: BenchCast): Operation {
  const contract = direct.as(cast.unit).contract(BENCH_CHAINCODE_NAME, BENCH_CHAINCODE_NAME);
  return async () => {
    await submitCommitted(contract, 'Put', [nextId('k'), '1']);
    return 1;
  };
}

/** `direct-single`: VerifyCard of one card straight through fabric-gateway, as the unit. */
export function directSingleOperation(
  direct: DirectCallers,
  cast: BenchCast,
  cards: readonly LedgerCard[],
): Operation {
  const contract = direct.as(cast.unit).contract(cast.chaincode, 'verification');
  let n = 0;
  return async () => {
    const card = cards[n++ % cards.length];
    if (card === undefined) throw new Error('no ledger cards');
    await submitCommitted(contract, 'VerifyCard', [
      nextId('bench'),
      cast.purpose,
      card.cardRef,
      card.personRef,
      card.nameCheck,
      '2021-05-10',
      '2041-05-10',
    ]);
    return 1;
  };
}

/** The `result` field of a verification answer. */
function verdict(body: Record<string, unknown>): unknown {
  return (body.result as { result?: unknown } | undefined)?.result;
}

/** `rest-single`: POST /v1/verifications of one card, as the unit. */
export function restSingleOperation(
  rest: RestCallers,
  cast: BenchCast,
  cards: readonly PresentedCard[],
): Operation {
  let n = 0;
  return async () => {
    const card = cards[n++ % cards.length];
    const body = expectAnswer(
      await postAs(rest, cast.unit, '/v1/verifications', { ...card, purpose: cast.purpose }),
      200,
      'verification',
    );
    if (verdict(body) !== 'VALID') throw new Error(`verification answered ${String(verdict(body))}`);
    return 1;
  };
}

/** `rest-bulk`: POST /v1/verifications/batch of `size` cards, as the unit; counts the records in the answer. */
export function restBulkOperation(
  rest: RestCallers,
  cast: BenchCast,
  cards: readonly PresentedCard[],
  size: number,
): Operation {
  let n = 0;
  return async () => {
    const items = Array.from({ length: size }, () => cards[n++ % cards.length]);
    const body = expectAnswer(
      await postAs(rest, cast.unit, '/v1/verifications/batch', { purpose: cast.purpose, items }),
      200,
      'batch verification',
    );
    const records = (body.result as { records?: unknown } | undefined)?.records;
    if (!Array.isArray(records) || records.length !== size)
      throw new Error(
        `batch of ${String(size)} answered ${Array.isArray(records) ? String(records.length) : 'no'} records`,
      );
    return size;
  };
}

/** One invalidation round's times, ms from the report-lost request. */
export interface InvalidationRound {
  readonly firstInvalidMs: number;
  readonly reportCommittedMs: number;
}

/**
 * One invalidation round: issue a fresh card, verify it once (VALID), then
 * send the report-lost request and verify the card at once, again and
 * again, until an answer says INVALID.
 * @throws Error when an answer is refused, or no INVALID answer comes within `limitMs`
 */
export async function invalidationRound(
  rest: RestCallers,
  cast: BenchCast,
  person: PresentedCard,
  limitMs = 60_000,
): Promise<InvalidationRound> {
  const cardRef = await issueRestCard(rest, cast.officer, person);
  const verify = async (): Promise<unknown> =>
    verdict(
      expectAnswer(
        await postAs(rest, cast.unit, '/v1/verifications', { ...person, purpose: cast.purpose }),
        200,
        'verification',
      ),
    );
  if ((await verify()) !== 'VALID') throw new Error('a fresh card was not VALID');
  const t0 = performance.now();
  let reportCommittedMs = Number.NaN;
  const report = postAs(rest, cast.officer, `/v1/cards/${cardRef}/report-lost`, {
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
  }).then((answer) => {
    expectAnswer(answer, 200, 'report lost');
    reportCommittedMs = performance.now() - t0;
  });
  let firstInvalidMs = Number.NaN;
  while (performance.now() - t0 < limitMs) {
    if ((await verify()) === 'INVALID') {
      firstInvalidMs = performance.now() - t0;
      break;
    }
  }
  await report;
  if (Number.isNaN(firstInvalidMs)) throw new Error(`no INVALID answer within ${String(limitMs)} ms`);
  return { firstInvalidMs, reportCommittedMs };
}

/** Issues the REST cards of the workloads, 10 at a time. */
export function issueRestCards(
  rest: RestCallers,
  cast: BenchCast,
  people: readonly PresentedCard[],
): Promise<string[]> {
  return inParallel(people.length, 10, (i) => {
    const person = people[i];
    if (person === undefined) throw new Error('no person');
    return issueRestCard(rest, cast.officer, person);
  });
}
