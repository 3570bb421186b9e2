/**
 * The chaincode's error family. Only an error's message crosses from the
 * chaincode to the peer and the client, so every message starts with a
 * stable `CODE: ` from ERROR_CODES; the machine fields serve tests and logs.
 */
import type { ErrorCode } from '@idcard/common';

/** Base of every business error the chaincode throws on purpose. */
export class ChaincodeError extends Error {
  /** The stable code the message starts with. */
  readonly code: ErrorCode;

  constructor(code: ErrorCode, text: string, options?: { cause?: unknown }) {
    super(`${code}: ${text}`, options);
    // The class's own name: ValidationError, NotFoundError, ... (set once here for the whole family).
    this.name = new.target.name;
    this.code = code;
  }
}

/** A ChaincodeError class of one fixed code. */
function withCode(code: ErrorCode) {
  return class extends ChaincodeError {
    constructor(text: string, options?: { cause?: unknown }) {
      super(code, text, options);
    }
  };
}

/** An argument is malformed, out of range or inconsistent. */
export class ValidationError extends withCode('VALIDATION') {}

/** The caller's MSP and certificate attributes do not allow the call. */
export class ForbiddenError extends withCode('FORBIDDEN') {}

/** The addressed entity does not exist. */
export class NotFoundError extends withCode('NOT_FOUND') {}

/** The entity to create exists already. */
export class AlreadyExistsError extends withCode('ALREADY_EXISTS') {}

/** A request is larger than a hard limit allows. */
export class LimitExceededError extends withCode('LIMIT_EXCEEDED') {}

/** A life-cycle action is not allowed in the entity's current state. */
export class IllegalTransitionError extends ChaincodeError {
  /** The refused action. */
  readonly action: string;
  /** The state the entity is in. */
  readonly state: string;

  constructor(action: string, state: string, subject = 'a card') {
    super('ILLEGAL_TRANSITION', `cannot ${action} ${subject} in state ${state}`);
    this.action = action;
    this.state = state;
  }
}

/** A repeated request id names another request than the one first recorded under it. */
export class IdempotencyMismatchError extends ChaincodeError {
  constructor(requestId: string) {
    super('IDEMPOTENCY_MISMATCH', `request id ${requestId} was first used for another request`);
  }
}
