/**
 * POSTs over HTTPS with a TLS configuration of our own (the CAs to trust and
 * a client certificate), for calls to another organisation's gateway over
 * mutual TLS. node:https, because the global fetch takes no CA or client
 * certificate without a separate undici dependency. Answers are Fetch API
 * Responses, so callers read them as they read fetch's.
 */
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'node:https';

/** TLS towards a server: the CAs to trust (PEM files) and, for mutual TLS, a client certificate and key. */
export interface ClientTlsFiles {
  readonly caPaths: readonly string[];
  readonly certPath?: string;
  readonly keyPath?: string;
}

/** The part of a fetch call a JSON POST uses. */
export interface PostInit {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Absent: a request without a body. */
  readonly body?: string;
  readonly signal: AbortSignal;
}

/** A fetch-shaped function (the global fetch is one). */
export type PostFetch = (url: string, init: PostInit) => Promise<Response>;

function toHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : [value ?? '']) headers.append(name, v);
  }
  return headers;
}

/** Statuses whose Response may carry no body. */
const NO_BODY: ReadonlySet<number> = new Set([101, 204, 205, 304]);

/**
 * A fetch over one keep-alive HTTPS agent with the given trust and client
 * certificate (files read now). Only `https:` URLs are accepted.
 * @throws Error when a file cannot be read (and, from the returned function, on connection failures)
 */
export function httpsFetch(tls: ClientTlsFiles): PostFetch {
  const agent = new Agent({
    keepAlive: true,
    minVersion: 'TLSv1.2',
    ca: tls.caPaths.map((p) => readFileSync(p)),
    ...(tls.certPath !== undefined && tls.keyPath !== undefined
      ? { cert: readFileSync(tls.certPath), key: readFileSync(tls.keyPath) }
      : {}),
  });
  return (url, init) =>
    new Promise((resolveAnswer, reject) => {
      if (!url.startsWith('https:')) {
        reject(new Error(`httpsFetch sends only to https:// URLs, not ${url}`));
        return;
      }
      const req = request(
        url,
        { method: init.method, headers: init.headers, agent, signal: init.signal },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 502;
            const body = NO_BODY.has(status) || chunks.length === 0 ? null : Buffer.concat(chunks);
            resolveAnswer(new Response(body, { status, headers: toHeaders(res.headers) }));
          });
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
}
