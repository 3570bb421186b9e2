/**
 * Writing a Server-Sent-Events response: the headers, keep-alive comments,
 * one message at a time with back-pressure (a slow client makes the writer
 * wait rather than buffer without bound), and the end.
 */
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

/** Interval of keep-alive comments, so idle proxies keep the stream open. */
const HEARTBEAT_MS = 15_000;

function format({ id, event, data }: { id?: string; event: string; data: unknown }): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A stream being written. */
export interface SseWriter {
  /** Writes one message; waits while the client is slow. */
  message(message: { id?: string; event: string; data: unknown }): Promise<void>;
  /** Writes a last message without waiting (the stream may already be aborted). */
  last(message: { id?: string; event: string; data: unknown }): void;
  /** Stops the keep-alive and ends the response. */
  end(): void;
}

/** Starts the response (status, headers, reconnection delay) and its keep-alive. */
export function startSse(raw: ServerResponse, signal: AbortSignal): SseWriter {
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write('retry: 2000\n\n');
  const heartbeat = setInterval(() => {
    raw.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  return {
    async message(message) {
      if (!raw.write(format(message))) await once(raw, 'drain', { signal });
    },
    last(message) {
      raw.write(format(message));
    },
    end() {
      clearInterval(heartbeat);
      raw.end();
    },
  };
}
