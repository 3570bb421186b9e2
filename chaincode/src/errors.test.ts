import {
  AlreadyExistsError,
  ChaincodeError,
  ForbiddenError,
  IdempotencyMismatchError,
  IllegalTransitionError,
  LimitExceededError,
  NotFoundError,
  ValidationError,
} from './errors';

describe('chaincode errors', () => {
  it.each([
    [new ValidationError('bad'), 'ValidationError', 'VALIDATION'],
    [new ForbiddenError('no'), 'ForbiddenError', 'FORBIDDEN'],
    [new NotFoundError('none'), 'NotFoundError', 'NOT_FOUND'],
    [new AlreadyExistsError('twice'), 'AlreadyExistsError', 'ALREADY_EXISTS'],
    [new LimitExceededError('big'), 'LimitExceededError', 'LIMIT_EXCEEDED'],
    [new IllegalTransitionError('REVOKE', 'REVOKED'), 'IllegalTransitionError', 'ILLEGAL_TRANSITION'],
    [new IdempotencyMismatchError('r1'), 'IdempotencyMismatchError', 'IDEMPOTENCY_MISMATCH'],
  ])('%s carries its class name and a message starting with its code', (error, name, code) => {
    expect(error).toBeInstanceOf(ChaincodeError);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(error.message.startsWith(`${code}: `)).toBe(true);
  });

  it('keeps the cause of a validation error', () => {
    const cause = new Error('inner');
    expect(new ValidationError('bad', { cause }).cause).toBe(cause);
  });
});
