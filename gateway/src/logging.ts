/**
 * The service logger (pino). Request bodies are never logged; headers are
 * not logged; and should any object carrying personal data or secrets reach
 * a log call, these paths are censored anyway.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

/** Field names that may hold personal data or secrets, censored wherever they appear (two levels deep). */
const SENSITIVE_FIELDS = [
  'idNumber',
  'name',
  'token',
  'apiKey',
  'authorization',
  'password',
  'secret',
  'key',
];

/** Redaction paths for pino. */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  'body',
  ...SENSITIVE_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

/** Creates the logger; `destination` defaults to stdout. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    serializers: {
      // Method, route and status only: no headers, no query string, no body.
      req: (req: { method?: string; url?: string; id?: string }) => ({
        id: req.id,
        method: req.method,
        url: (req.url ?? '').split('?')[0],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
