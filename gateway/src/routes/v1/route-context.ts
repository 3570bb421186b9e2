/**
 * What the /v1 routes are given: the ports, the privacy functions and the
 * limits. Plus the helpers that turn personal data into pseudonymous ledger
 * arguments (under the current key and each earlier one), resolve
 * idempotency keys and shape committed results.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { CardKind } from '@idcard/common';
import type { AuditPort } from '../../auditing/audit-port';
import type { CallerRegistry } from '../../callers/caller-registry';
import type { IdentityRegistrar } from '../../callers/identity-registrar';
import type { Committed, LedgerClient } from '../../ledger/ledger-client';
import type { CardReferences, PresentedCard, SubmitName, TxArgs, TxResult } from '../../ledger/transactions';
import type { WorkMeter } from '../../limits/work-meter';
import { callerOf } from '../../plugins/authentication';
import { checkValidityWindow } from '../../privacy/card-validity';
import { checkIdNumber, todayInChina } from '../../privacy/id-number';
import { checkPersonName } from '../../privacy/person-name';
import type { CardHolder, CardReferencer } from '../../privacy/card-references';
import type { Pseudonymizer } from '../../privacy/pseudonyms';
import { ProblemError, type FieldError } from '../../problems';
import type { EventStreams } from './event-streams';

/** The privacy and abuse limits the routes apply (issue 14). */
export interface RouteLimits {
  /** A unit is told of a card change made at most this long after its check (status notices). */
  readonly retentionMs: number;
  readonly events: { readonly replayPageEvents: number; readonly replayPageCost: number };
}

/** Dependencies of the /v1 routes. */
export interface RouteContext {
  readonly ledger: LedgerClient;
  readonly callers: CallerRegistry;
  /** Absent when no Fabric CA adapter is configured. */
  readonly registrar: IdentityRegistrar | undefined;
  /** Absent when the gateway is not configured for audits. */
  readonly audit: AuditPort | undefined;
  /** The current pseudonym key: every new reference. */
  readonly pseudonyms: Pseudonymizer;
  /** Earlier pseudonym keys, newest first: lookups of cards and persons made with them. */
  readonly earlierPseudonyms: readonly Pseudonymizer[];
  /** Where presented cards' references come from: these keys, or an agency gateway (no key here). */
  readonly references: CardReferencer;
  readonly clock: () => Date;
  readonly streams: EventStreams;
  /** Work units per caller (limits/work-meter.ts). */
  readonly work: WorkMeter;
  readonly limits: RouteLimits;
}

/** A card as typed in by a relying unit or officer (personal data: never logged or stored). */
export interface CardInput {
  readonly idNumber: string;
  readonly name: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly kind?: CardKind;
}

/** A typed-in card checked and normalised, before its references are derived. */
interface CheckedCard {
  readonly holder: CardHolder;
  readonly validUntil: string;
}

/**
 * Checks a typed-in card (ID number and name by the one normalisation policy,
 * then the validity window); field errors otherwise.
 */
function checkCard(
  ctx: RouteContext,
  input: CardInput,
  path: string,
  strict: boolean,
): CheckedCard | FieldError[] {
  const today = todayInChina(ctx.clock());
  const id = checkIdNumber(input.idNumber, today);
  const name = checkPersonName(input.name);
  if (!id.ok || !name.ok) {
    return [
      ...(id.ok ? [] : [{ path: `${path}/idNumber`, message: `ID number ${id.reason}` }]),
      ...(name.ok ? [] : [{ path: `${path}/name`, message: `Name ${name.reason}` }]),
    ];
  }
  const problems = checkValidityWindow({
    kind: input.kind,
    birthDate: id.birthDate,
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    today,
    strict,
  });
  if (problems.length > 0) return problems.map((message) => ({ path: `${path}/validFrom`, message }));
  return {
    holder: { idNumber: id.idNumber, name: name.name, validFrom: input.validFrom },
    validUntil: input.validUntil,
  };
}

/** A presented card in pseudonymous form. */
export interface Presented {
  readonly card: PresentedCard;
  readonly earlierRefs: CardReferences[];
  readonly idNumber: string;
}

/**
 * Checks typed-in cards (paths `pathOf(index)`) and derives their
 * pseudonymous form from the gateway's reference source, all or none:
 * the field errors of every invalid card, before any reference is asked for.
 * @throws ProblemError pseudonyms-unavailable (a remote reference source failed)
 */
export async function presentCards(
  ctx: RouteContext,
  inputs: readonly CardInput[],
  pathOf: (index: number) => string,
  strict: boolean,
): Promise<
  { readonly ok: true; readonly cards: Presented[] } | { readonly ok: false; readonly errors: FieldError[] }
> {
  const errors: FieldError[] = [];
  const checked: CheckedCard[] = [];
  inputs.forEach((input, index) => {
    const one = checkCard(ctx, input, pathOf(index), strict);
    if (Array.isArray(one)) errors.push(...one);
    else checked.push(one);
  });
  if (errors.length > 0) return { ok: false, errors };
  const refs = await ctx.references.references(checked.map((c) => c.holder));
  const cards = checked.map((c, index) => {
    const set = refs[index];
    if (set === undefined) throw new Error('the reference source answered fewer cards than asked');
    return {
      idNumber: c.holder.idNumber,
      card: { ...set.current, validFrom: c.holder.validFrom, validUntil: c.validUntil },
      earlierRefs: [...set.earlier],
    };
  });
  return { ok: true, cards };
}

/**
 * The pseudonymous card (and its references under earlier keys), or a validation problem.
 * @throws ProblemError validation; pseudonyms-unavailable
 */
export async function requireCard(ctx: RouteContext, input: CardInput, strict: boolean): Promise<Presented> {
  const checked = await presentCards(ctx, [input], () => 'body', strict);
  if (!checked.ok)
    throw new ProblemError('validation', 'The card details are not valid', { errors: checked.errors });
  const [first] = checked.cards;
  if (first === undefined) throw new Error('one card presented, none derived');
  return first;
}

/**
 * The person reference of an ID number, or a validation problem.
 * @throws ProblemError validation
 */
export function requirePersonRef(
  ctx: RouteContext,
  idNumber: string,
): { personRef: string; idNumber: string; birthDate: string } {
  const id = checkIdNumber(idNumber, todayInChina(ctx.clock()));
  if (!id.ok) {
    throw new ProblemError('validation', 'The ID number is not valid', {
      errors: [{ path: 'body/idNumber', message: `ID number ${id.reason}` }],
    });
  }
  return { personRef: ctx.pseudonyms.personRef(id.idNumber), idNumber: id.idNumber, birthDate: id.birthDate };
}

/**
 * The request id of a retriable write: the Idempotency-Key header or the
 * body's requestId (they must agree), else a fresh one.
 * @throws ProblemError validation when both are given and differ
 */
export function resolveRequestId(header: string | undefined, body: string | undefined): string {
  if (header !== undefined && body !== undefined && header !== body) {
    throw new ProblemError('validation', 'Idempotency-Key and requestId differ', {
      errors: [{ path: 'headers/idempotency-key', message: 'must equal body requestId when both are given' }],
    });
  }
  return header ?? body ?? `gw-${randomUUID()}`;
}

/** The answer of a committed write: its result, transaction id and block number. */
export interface CommittedAnswer<T> {
  readonly result: T;
  readonly txId: string;
  readonly blockNumber: number;
}

/** The answer of a committed write. */
export function committedResponse<T>(committed: Committed<T>): CommittedAnswer<T> {
  return { result: committed.result, txId: committed.txId, blockNumber: committed.blockNumber };
}

/**
 * Submits `name` signed as the request's caller; the answer of what committed.
 * @throws ProblemError forbidden for a caller without ledger access; LedgerError
 */
export async function commitAs<N extends SubmitName>(
  ctx: RouteContext,
  request: FastifyRequest,
  name: N,
  args: TxArgs<N>,
): Promise<CommittedAnswer<TxResult<N>>> {
  return committedResponse(await ctx.ledger.submit(callerOf(request).identity, name, args));
}

/** Default paging arguments of a query. */
export function paging(query: { pageSize?: number; bookmark?: string }): {
  pageSize: number;
  bookmark: string;
} {
  return { pageSize: query.pageSize ?? 0, bookmark: query.bookmark ?? '' };
}
