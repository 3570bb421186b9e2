/** A wrong command line or input for `idcard audit` (exit status 2, one message, no stack). */
export class AuditUsageError extends Error {
  override readonly name = 'AuditUsageError';
  readonly code = 'AUDIT_USAGE';
}
