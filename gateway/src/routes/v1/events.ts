/**
 * GET /v1/events: Server-Sent Events of card transitions, verifications,
 * fraud reports and registry changes visible to the caller. Every event's id
 * is `<blockNumber>:<txIndex>`; a client reconnecting with Last-Event-ID (or
 * ?after=) receives exactly the events after that one.
 */
import { once } from 'node:events';
import { Type } from '@sinclair/typebox';
import type { TypedInstance } from '../../typebox-provider';
import { callerOf } from '../../plugins/authentication';
import { parseEventId, type EventPosition } from '../../ledger/ledger-client';
import { toProblem } from '../../plugins/problem-details';
import { PROBLEM_BASE } from '../../problems';
import { isVisibleTo } from './event-visibility';
import type { RouteContext } from './route-context';
import { problemResponses } from './schemas';

const EVENT_ID = '^\\d{1,15}:\\d{1,9}$';
/** Interval of keep-alive comments, so idle proxies keep the stream open. */
const HEARTBEAT_MS = 15_000;

/** The event stream route. */
export function eventRoutes(app: TypedInstance, ctx: RouteContext): void {
  app.get(
    '/v1/events',
    {
      config: { roles: ['officer', 'operator', 'verifier', 'auditor'] },
      schema: {
        summary: 'Server-Sent Events of ledger events visible to the caller, resumable with Last-Event-ID',
        tags: ['events'],
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: EVENT_ID })) }),
        querystring: Type.Object(
          { after: Type.Optional(Type.String({ pattern: EVENT_ID })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.String({ description: 'text/event-stream' }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const resumeFrom = request.headers['last-event-id'] ?? request.query.after;
      const after: EventPosition | undefined =
        resumeFrom === undefined ? undefined : parseEventId(resumeFrom);
      const stream = ctx.streams.open();
      const clientGone = new AbortController();
      const signal = AbortSignal.any([stream.signal, clientGone.signal]);
      request.raw.on('close', () => {
        clientGone.abort();
      });

      reply.hijack();
      const raw = reply.raw;
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
      // A slow client makes the loop wait (the ledger stream pauses) rather than buffer without bound.
      const send = async (text: string): Promise<void> => {
        if (!raw.write(text)) await once(raw, 'drain', { signal });
      };
      try {
        for await (const event of ctx.ledger.events(caller.identity, {
          ...(after ? { after } : {}),
          signal,
        })) {
          if (signal.aborted) break;
          if (!isVisibleTo(caller, event)) continue;
          await send(
            `id: ${event.id}\nevent: ${event.name}\ndata: ${JSON.stringify({ txId: event.txId, ...event.payload })}\n\n`,
          );
        }
      } catch (err) {
        if (!signal.aborted) {
          const problem = toProblem(err);
          request.log.warn({ problem: problem.kind }, 'event stream ended by ledger error');
          raw.write(`event: error\ndata: ${JSON.stringify({ type: `${PROBLEM_BASE}${problem.kind}` })}\n\n`);
        }
      } finally {
        clearInterval(heartbeat);
        stream.done();
        raw.end();
      }
    },
  );
}
