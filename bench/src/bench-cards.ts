/**
 * The cards the bench verifies. Made-up people with valid ID numbers (GB
 * 11643 check character), issued through the REST API as the officer for
 * the REST workloads, and with random pseudonymous references straight on
 * the ledger for the direct workload (which has no pseudonym key).
 */
import { randomBytes } from 'node:crypto';
import { checkCharacter } from '@idcard/gateway';
import { MSP_IDS } from '@idcard/common';
import type { DirectCallers } from './direct-clients';
import { submitWhenReady } from './direct-clients';
import { expectAnswer, postAs, type RestCallers } from './rest-callers';

/** A card as its holder presents it (personal data of made-up people; stays in this process). */
export interface PresentedCard {
  readonly idNumber: string;
  readonly name: string;
  readonly validFrom: string;
  readonly validUntil: string;
}

/** A card as the ledger knows it, for direct VerifyCard calls. */
export interface LedgerCard {
  readonly cardRef: string;
  readonly personRef: string;
  readonly nameCheck: string;
}

export const VALID_FROM = '2021-05-10';
export const VALID_UNTIL = '2041-05-10';
const DAY_MS = 86_400_000;
const FIRST_BIRTH = Date.UTC(1980, 0, 1);

/**
 * The `n`th made-up person of a run (`run` keeps runs on one data dir apart):
 * born 1980-1993, so 20-year cards from 2021 fit their age.
 */
export function benchPerson(run: number, n: number): PresentedCard {
  const birth = new Date(FIRST_BIRTH + (n % 5000) * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
  const sequence = String((run * 37 + Math.floor(n / 5000)) % 1000).padStart(3, '0');
  const first17 = `110105${birth}${sequence}`;
  return {
    idNumber: first17 + checkCharacter(first17),
    name: `测试基准${String(n)}`,
    validFrom: VALID_FROM,
    validUntil: VALID_UNTIL,
  };
}

/** Runs `task` for 0..count-1, `parallel` at a time. */
export async function inParallel<T>(
  count: number,
  parallel: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const out: T[] = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next;
      next += 1;
      out[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return out;
}

/**
 * Issues a card for `person` through the REST API as `officer`; returns its card reference.
 * @throws Error when the API refuses it
 */
export async function issueRestCard(
  callers: RestCallers,
  officer: string,
  person: PresentedCard,
): Promise<string> {
  const body = expectAnswer(
    await postAs(callers, officer, '/v1/cards', {
      ...person,
      kind: 'RESIDENT_CARD',
      reasonCode: 'FIRST_ISSUE',
      occurredAt: `${VALID_FROM}T02:00:00Z`,
    }),
    201,
    'issuing a card',
  );
  const cardRef = (body.result as { cardRef?: unknown } | undefined)?.cardRef;
  if (typeof cardRef !== 'string') throw new Error('issuing a card: no cardRef in the answer');
  return cardRef;
}

const reference = (): string => `t1.${randomBytes(32).toString('hex')}`;

/**
 * Issues `count` cards with random references straight on the ledger of
 * `chaincode` as `officer` (endorsed by both agencies).
 * @throws Error when an issuance does not commit
 */
export async function issueLedgerCards(
  direct: DirectCallers,
  chaincode: string,
  officer: string,
  count: number,
): Promise<LedgerCard[]> {
  const contract = direct.as(officer).contract(chaincode, 'cards');
  return inParallel(count, 10, async () => {
    const card = { cardRef: reference(), personRef: reference(), nameCheck: reference() };
    await submitWhenReady(
      contract,
      'IssueCard',
      [
        card.cardRef,
        card.personRef,
        card.nameCheck,
        'RESIDENT_CARD',
        VALID_FROM,
        VALID_UNTIL,
        'FIRST_ISSUE',
        `${VALID_FROM}T02:00:00Z`,
      ],
      [MSP_IDS.publicSecurity, MSP_IDS.bigDataBureau],
    );
    return card;
  });
}
