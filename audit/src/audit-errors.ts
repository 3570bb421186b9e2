/**
 * Errors of the audit library. Integrity findings are not errors (they go
 * into the report); these are failures to read or to continue at all.
 */

/** Base class: every audit error carries a stable code. */
export class AuditError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuditError';
    this.code = code;
  }
}

/** Bytes that do not have the shape they must have (DER, protobuf, block file framing). */
export class AuditFormatError extends AuditError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('FORMAT', message, options);
    this.name = 'AuditFormatError';
  }
}

/** A checkpoint that cannot be used (unreadable, other version, other channel). */
export class CheckpointError extends AuditError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CHECKPOINT', message, options);
    this.name = 'CheckpointError';
  }
}

/** The block source failed (file system, network); the replay cannot go on. */
export class BlockSourceError extends AuditError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('BLOCK_SOURCE', message, options);
    this.name = 'BlockSourceError';
  }
}
