/**
 * The gateway's HTTPS listener: its certificate and key (from its
 * organisation's TLS CA), and, with client certificates on, the CAs whose
 * certificates it accepts. Node's TLS verifies client certificates; with
 * `required` a connection without one from those CAs fails at the handshake.
 */
import { readFileSync } from 'node:fs';
import type { ServerOptions } from 'node:https';

/** The `http.tls` section of the configuration (paths absolute). */
export interface ServerTlsFiles {
  readonly certPath: string;
  readonly keyPath: string;
  readonly clientCertificates?: {
    readonly caPaths: readonly string[];
    readonly required: boolean;
  };
}

function read(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new Error(`the gateway's ${what} ${path} cannot be read: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/**
 * The options of Node's HTTPS server for the configured files (read now).
 * TLS 1.2 is the oldest version accepted.
 * @throws Error naming a file that cannot be read
 */
export function serverTlsOptions(tls: ServerTlsFiles): ServerOptions {
  const clients = tls.clientCertificates;
  return {
    cert: read(tls.certPath, 'TLS certificate'),
    key: read(tls.keyPath, 'TLS key'),
    minVersion: 'TLSv1.2',
    ...(clients
      ? {
          ca: clients.caPaths.map((p) => read(p, 'client CA certificate')),
          requestCert: true,
          rejectUnauthorized: clients.required,
        }
      : {}),
  };
}
