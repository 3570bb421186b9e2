/**
 * Request and response building blocks shared by the /v1 routes. Patterns
 * and lists come from @idcard/common; each schema is also the type.
 */
import { Type } from '@sinclair/typebox';
import {
  DATE_PATTERN,
  INSTANT_PATTERN,
  LIMITS,
  PURPOSES,
  REFERENCE_PATTERN,
  REQUEST_ID_PATTERN,
  UNIT_ID_PATTERN,
} from '@idcard/common';
import { literalUnion } from '../../ledger/records';

/** An 18-character ID number; the GB 11643 check is done in code for precise messages. */
export const IdNumber = Type.String({ minLength: 1, maxLength: 32, description: 'GB 11643-1999 ID number' });
/** A holder's name as printed on the card. */
export const PersonName = Type.String({ minLength: 1, maxLength: 100 });
/** A date printed on a card. */
export const CardDate = Type.String({ pattern: DATE_PATTERN.source, description: 'YYYY-MM-DD' });
/** validUntil printed on a card: a date or LONG_TERM. */
export const ValidUntil = Type.String({
  pattern: `${DATE_PATTERN.source}|^LONG_TERM$`,
  description: 'YYYY-MM-DD or LONG_TERM',
});
/** A UTC instant. */
export const Instant = Type.String({ pattern: INSTANT_PATTERN.source, description: 'UTC ISO 8601 instant' });
/** A pseudonymous reference `<keyId>.<hex>`. */
export const Reference = Type.String({ pattern: REFERENCE_PATTERN.source });
/** A relying unit id. */
export const UnitId = Type.String({ pattern: UNIT_ID_PATTERN.source });
/** A client request id (idempotency). */
export const RequestId = Type.String({ pattern: REQUEST_ID_PATTERN.source });
/** A verification purpose. */
export const Purpose = literalUnion(PURPOSES);

/** Headers of writes that may be retried. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(RequestId),
});

/** Paging query parameters. */
export const PagingQuery = Type.Object(
  {
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.maxPageSize })),
    bookmark: Type.Optional(Type.String({ maxLength: 2048 })),
  },
  { additionalProperties: false },
);

/** A unit, a time range (both ends optional) and a page: the by-unit lists. */
export const UnitRangeQuery = Type.Composite(
  [
    Type.Object({ unitId: Type.Optional(UnitId), from: Type.Optional(Instant), to: Type.Optional(Instant) }),
    PagingQuery,
  ],
  { additionalProperties: false },
);

/** A strict object: unknown fields are refused; `title` names a request body in generated clients. */
export function Body<T extends Parameters<typeof Type.Object>[0]>(
  properties: T,
  options: { readonly title?: string } = {},
) {
  return Type.Object(properties, { ...options, additionalProperties: false });
}
