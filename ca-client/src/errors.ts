/** Error classes of the network tool and of the CA client, each with a stable code a caller can test. */

/** Codes of every failure the network tool reports. */
export type NetworkErrorCode =
  | 'CONFIG_INVALID'
  | 'GO_MISSING'
  | 'GO_TOO_OLD'
  | 'MODULE_UNAVAILABLE'
  | 'BUILD_FAILED'
  | 'PROGRAM_MISSING'
  | 'FABRIC_INSTALL_INCOMPLETE'
  | 'FABRIC_CONFIG_MISSING'
  | 'FABRIC_VERSION_MISMATCH'
  | 'PROCESS_FAILED'
  | 'NOT_READY'
  | 'CA_COMMAND_FAILED'
  | 'CA_UNREACHABLE'
  | 'CA_REQUEST_INVALID'
  | 'PORT_IN_USE';

/** A failure of the network tool with a message meant for the operator, not a stack trace. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';

  constructor(
    readonly code: NetworkErrorCode,
    message: string,
    readonly details: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `err` is a NetworkError (with an optional code). */
export function isNetworkError(err: unknown, code?: NetworkErrorCode): err is NetworkError {
  return err instanceof NetworkError && (code === undefined || err.code === code);
}
