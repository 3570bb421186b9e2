/**
 * HTTP problem types (RFC 9457): a stable `type` per kind of failure, with
 * its status and title written once. Routes throw ProblemError; the one
 * error handler (plugins/problem-details.ts) renders every failure.
 */

/** Base of every problem type URI. */
export const PROBLEM_BASE = 'urn:idcard:problem:';

/** Problem kinds, their HTTP status and title. */
export const PROBLEM_KINDS = {
  validation: { status: 400, title: 'The request is not valid' },
  unauthorised: { status: 401, title: 'A valid API key is required' },
  forbidden: { status: 403, title: 'The caller may not do this' },
  'not-found': { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflicts with the current state' },
  'illegal-transition': { status: 409, title: 'The card cannot make this transition' },
  'idempotency-mismatch': {
    status: 409,
    title: 'The Idempotency-Key was first used for another request',
  },
  'request-timeout': { status: 408, title: 'The request was not received in time' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'The request body must be application/json' },
  'limit-exceeded': { status: 422, title: 'A ledger limit was exceeded' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  'ledger-rejected': { status: 502, title: 'The ledger did not accept the transaction' },
  'ledger-unavailable': { status: 503, title: 'The ledger is unavailable; retry later' },
  'registrar-unavailable': { status: 503, title: 'The certificate authority is unavailable; retry later' },
  'audit-unavailable': {
    status: 503,
    title: 'This gateway is not configured for audits (no organisation CA certificates)',
  },
  'pseudonyms-unavailable': {
    status: 503,
    title: 'Card references cannot be derived (the agency gateway is unavailable); retry later',
  },
  'ledger-timeout': { status: 504, title: 'The outcome of the transaction is not known yet' },
} as const;
/** A problem kind. */
export type ProblemKind = keyof typeof PROBLEM_KINDS;

/** One field-level error of a validation problem (never echoes the value). */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** An error that becomes one problem response. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly status: number;
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly extras: { readonly errors?: readonly FieldError[]; readonly retryAfterSeconds?: number } = {},
  ) {
    super(detail);
    this.status = PROBLEM_KINDS[kind].status;
  }
}

/** The problem document of a kind. */
export function problemBody(
  kind: ProblemKind,
  detail: string,
  instance: string,
  errors?: readonly FieldError[],
): Record<string, unknown> {
  const { status, title } = PROBLEM_KINDS[kind];
  return {
    type: `${PROBLEM_BASE}${kind}`,
    title,
    status,
    detail,
    instance,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}
