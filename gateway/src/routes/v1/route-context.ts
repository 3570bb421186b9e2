/**
 * What the /v1 routes are given: the ports, the privacy functions and the
 * limits. Plus the helpers that turn personal data into pseudonymous ledger
 * arguments (under the current key and each earlier one), resolve
 * idempotency keys and shape committed results.
 */
import { randomUUID } from 'node:crypto';
import type { CardKind } from '@idcard/common';
import type { CallerRegistry } from '../../callers/caller-registry';
import type { IdentityRegistrar } from '../../callers/identity-registrar';
import type { Committed, LedgerClient } from '../../ledger/ledger-client';
import type { CardReferences, PresentedCard } from '../../ledger/transactions';
import type { WorkMeter } from '../../limits/work-meter';
import { checkValidityWindow } from '../../privacy/card-validity';
import { checkIdNumber, todayInChina } from '../../privacy/id-number';
import { checkPersonName } from '../../privacy/person-name';
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
  /** The current pseudonym key: every new reference. */
  readonly pseudonyms: Pseudonymizer;
  /** Earlier pseudonym keys, newest first: lookups of cards and persons made with them. */
  readonly earlierPseudonyms: readonly Pseudonymizer[];
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

/**
 * Checks a typed-in card (ID number and name by the one normalisation policy,
 * then the validity window) and derives its pseudonymous form; field errors otherwise.
 */
export function presentCard(
  ctx: RouteContext,
  input: CardInput,
  path: string,
  strict: boolean,
): { card: PresentedCard; earlierRefs: CardReferences[]; idNumber: string } | FieldError[] {
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
  const refs = (p: Pseudonymizer): CardReferences => ({
    cardRef: p.cardRef(id.idNumber, input.validFrom),
    personRef: p.personRef(id.idNumber),
    nameCheck: p.nameCheck(id.idNumber, name.name),
  });
  return {
    idNumber: id.idNumber,
    card: { ...refs(ctx.pseudonyms), validFrom: input.validFrom, validUntil: input.validUntil },
    earlierRefs: ctx.earlierPseudonyms.map(refs),
  };
}

/**
 * The pseudonymous card (and its references under earlier keys), or a validation problem.
 * @throws ProblemError validation
 */
export function requireCard(
  ctx: RouteContext,
  input: CardInput,
  strict: boolean,
): { card: PresentedCard; earlierRefs: CardReferences[]; idNumber: string } {
  const checked = presentCard(ctx, input, 'body', strict);
  if (Array.isArray(checked))
    throw new ProblemError('validation', 'The card details are not valid', { errors: checked });
  return checked;
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

/** The response of a committed write. */
export function committedResponse<T>(committed: Committed<T>): {
  result: T;
  txId: string;
  blockNumber: number;
} {
  return { result: committed.result, txId: committed.txId, blockNumber: committed.blockNumber };
}

/** Default paging arguments of a query. */
export function paging(query: { pageSize?: number; bookmark?: string }): {
  pageSize: number;
  bookmark: string;
} {
  return { pageSize: query.pageSize ?? 0, bookmark: query.bookmark ?? '' };
}
