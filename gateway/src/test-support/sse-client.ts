/**
 * A minimal Server-Sent-Events client over a real socket, for route tests:
 * collects `id`/`event`/`data` messages (and id-less ones such as `end`),
 * waits for a count, and notices the end of the stream.
 */
import { get, type ClientRequest } from 'node:http';

/** One message received. */
export interface SseEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: Record<string, unknown>;
}

/** A connected client. */
export interface SseClient {
  readonly events: SseEvent[];
  /** Resolves when `count` messages arrived; fails after `timeoutMs` (default 5 s). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): void;
  /** Resolves when the server ended the stream (or the client closed it). */
  readonly ended: Promise<void>;
}

function parseBlock(block: string): SseEvent | undefined {
  const fields = Object.fromEntries(
    block
      .split('\n')
      .filter((l) => !l.startsWith(':'))
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
  ) as Record<string, string | undefined>;
  if (fields.event === undefined && fields.id === undefined) return undefined;
  return {
    id: fields.id,
    event: fields.event ?? '',
    data: JSON.parse(fields.data ?? '{}') as Record<string, unknown>,
  };
}

/**
 * Opens GET /v1/events (or `path`) on `host:port` with the headers; rejects with the status when the answer is not 200.
 * @throws Error `status <n>` for a refusal
 */
export function connectSse(
  port: number,
  headers: Record<string, string>,
  path = '/v1/events',
  host = '127.0.0.1',
): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    let buffer = '';
    let waiter: (() => void) | undefined;
    let endResolve!: () => void;
    const ended = new Promise<void>((r) => (endResolve = r));
    const request: ClientRequest = get({ host, port, path, headers }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`status ${String(res.statusCode)}`));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const message = parseBlock(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
          if (message !== undefined) events.push(message);
          cut = buffer.indexOf('\n\n');
        }
        waiter?.();
      });
      res.on('end', endResolve);
      res.on('close', endResolve);
      resolve({
        events,
        ended,
        waitFor: (count, timeoutMs = 5000) =>
          new Promise<void>((done, fail) => {
            const timer = setTimeout(() => {
              fail(new Error(`only ${String(events.length)} of ${String(count)} events`));
            }, timeoutMs);
            const check = () => {
              if (events.length >= count) {
                clearTimeout(timer);
                done();
              }
            };
            waiter = check;
            check();
          }),
        close: () => {
          request.destroy();
        },
      });
    });
    request.on('error', (err) => {
      if (!request.destroyed) reject(err);
    });
  });
}
