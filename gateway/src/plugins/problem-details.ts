/**
 * The one error handler: every failure (schema validation, body parsing,
 * authentication, rate limit, ledger errors, bugs) becomes an
 * `application/problem+json` document with a stable type.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '@idcard/common';
import { ChaincodeError, LedgerCommitError, LedgerError } from '../ledger/ledger-errors';
import { PROBLEM_KINDS, ProblemError, problemBody, type FieldError, type ProblemKind } from '../problems';

const CHAINCODE_CODE_KINDS: Readonly<Record<ErrorCode, ProblemKind>> = {
  VALIDATION: 'validation',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not-found',
  ILLEGAL_TRANSITION: 'illegal-transition',
  ALREADY_EXISTS: 'conflict',
  LIMIT_EXCEEDED: 'limit-exceeded',
  IDEMPOTENCY_MISMATCH: 'idempotency-mismatch',
};

const FASTIFY_CODE_KINDS: Readonly<Record<string, ProblemKind>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'validation',
  FST_ERR_CTP_INVALID_JSON_BODY: 'validation',
  // Its message quotes the whole URL, query string included: answered with the title only.
  FST_ERR_BAD_URL: 'validation',
};

function statusKind(status: number): ProblemKind {
  const found = (Object.keys(PROBLEM_KINDS) as ProblemKind[]).find((k) => PROBLEM_KINDS[k].status === status);
  if (found) return found;
  return status >= 500 ? 'internal' : 'validation';
}

/** The problem an error stands for. */
export function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error instanceof LedgerError) return ledgerProblem(error);
  const err = error as Partial<FastifyError> & { validation?: unknown[]; validationContext?: string };
  if (Array.isArray(err.validation)) {
    const errors: FieldError[] = (err.validation as { instancePath?: string; message?: string }[]).map(
      (v) => ({
        path: `${err.validationContext ?? 'body'}${v.instancePath ?? ''}`,
        message: v.message ?? 'is invalid',
      }),
    );
    return new ProblemError('validation', 'The request does not match the schema', { errors });
  }
  const byCode = err.code === undefined ? undefined : FASTIFY_CODE_KINDS[err.code];
  if (byCode) return new ProblemError(byCode, PROBLEM_KINDS[byCode].title);
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
    // Body parse errors and the like: their messages carry no request data.
    return new ProblemError(statusKind(err.statusCode), err.message ?? 'Bad request');
  }
  return new ProblemError('internal', 'An unexpected error occurred');
}

/**
 * The problem of each ledger failure that carries no fields of its own, by
 * its name (ledger/ledger-errors.ts): kind, detail, and when to retry.
 */
const LEDGER_FAILURES: Readonly<Record<string, readonly [ProblemKind, string, number?]>> = {
  LedgerBusyError: ['rate-limited', 'This caller has too many ledger calls waiting', 1],
  LedgerUnavailableError: ['ledger-unavailable', 'No peer could complete the call', 2],
  LedgerConflictError: ['conflict', 'The record kept changing concurrently; retry the request'],
  LedgerOutcomeUnknownError: [
    'ledger-timeout',
    'Submitted, but the commit was not confirmed in time; retry with the same Idempotency-Key',
  ],
};

function ledgerProblem(error: LedgerError): ProblemError {
  if (error instanceof ChaincodeError)
    return new ProblemError(CHAINCODE_CODE_KINDS[error.code], error.detail);
  if (error instanceof LedgerCommitError)
    return new ProblemError('ledger-rejected', `Committed invalid: ${error.validationCode}`);
  const [kind, detail, retryAfterSeconds] = LEDGER_FAILURES[error.name] ?? [
    'ledger-rejected',
    'The ledger answered unexpectedly',
  ];
  return new ProblemError(kind, detail, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
}

/** Sends a problem response. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: ProblemError,
): FastifyReply {
  if (problem.extras.retryAfterSeconds !== undefined) {
    void reply.header('retry-after', String(problem.extras.retryAfterSeconds));
  }
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send(problemBody(problem.kind, problem.detail, request.url.split('?')[0] ?? '/', problem.extras.errors));
}

/**
 * Answers a connection Node's HTTP server refused before any route or hook:
 * bytes that are not a valid HTTP request (a `validation` problem), or a
 * request not received in full in time (`request-timeout`); then the
 * connection is closed. Nothing of the request is echoed.
 */
export function answerClientError(error: { readonly code?: string }, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [kind, detail]: [ProblemKind, string] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? ['request-timeout', 'The request was not received in full in time']
      : ['validation', 'The request is not valid HTTP/1.1'];
  const { status } = PROBLEM_KINDS[kind];
  const body = JSON.stringify(problemBody(kind, detail, '/'));
  socket.end(
    [
      `HTTP/1.1 ${String(status)} ${STATUS_CODES[status] ?? ''}`,
      'Content-Type: application/problem+json; charset=utf-8',
      `Content-Length: ${String(Buffer.byteLength(body))}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}

/** Installs the error and not-found handlers on the root instance. */
export function installProblemDetails(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) {
      request.log.error({ err: error }, 'request failed');
    } else {
      request.log.info({ problem: problem.kind }, 'request refused');
    }
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      new ProblemError('not-found', `No route ${request.method} ${request.url.split('?')[0] ?? ''}`),
    ),
  );
}
