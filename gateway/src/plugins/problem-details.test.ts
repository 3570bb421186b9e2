import * as ledger from '../ledger/ledger-errors';
import { toProblem } from './problem-details';

describe('toProblem', () => {
  it.each([
    [new ledger.ChaincodeError('NOT_FOUND', 'no card c1'), 'not-found', 404, 'no card c1', undefined],
    [
      new ledger.LedgerBusyError('busy'),
      'rate-limited',
      429,
      'This caller has too many ledger calls waiting',
      1,
    ],
    [
      new ledger.LedgerUnavailableError('down'),
      'ledger-unavailable',
      503,
      'No peer could complete the call',
      2,
    ],
    [
      new ledger.LedgerConflictError('MVCC_READ_CONFLICT'),
      'conflict',
      409,
      'The record kept changing concurrently; retry the request',
      undefined,
    ],
    [
      new ledger.LedgerCommitError('ENDORSEMENT_POLICY_FAILURE'),
      'ledger-rejected',
      502,
      'Committed invalid: ENDORSEMENT_POLICY_FAILURE',
      undefined,
    ],
    [
      new ledger.LedgerOutcomeUnknownError('status not known'),
      'ledger-timeout',
      504,
      'Submitted, but the commit was not confirmed in time; retry with the same Idempotency-Key',
      undefined,
    ],
    [
      new ledger.LedgerProtocolError('not JSON'),
      'ledger-rejected',
      502,
      'The ledger answered unexpectedly',
      undefined,
    ],
    [
      new ledger.LedgerError('unexpected'),
      'ledger-rejected',
      502,
      'The ledger answered unexpectedly',
      undefined,
    ],
  ])('answers %p with a %s problem (%d)', (error, kind, status, detail, retryAfterSeconds) => {
    const problem = toProblem(error);
    expect({ kind: problem.kind, status: problem.status, detail: problem.detail }).toEqual({
      kind,
      status,
      detail,
    });
    expect(problem.extras.retryAfterSeconds).toBe(retryAfterSeconds);
  });

  it('answers anything else with an internal problem that tells nothing of it', () => {
    const problem = toProblem(new Error('secret 110101199003071234'));
    expect([problem.kind, problem.status, problem.detail]).toEqual([
      'internal',
      500,
      'An unexpected error occurred',
    ]);
  });
});
