/**
 * GET /v1/events: Server-Sent Events of the ledger events visible to the
 * caller (event-visibility.ts). Every event's id is `<blockNumber>:<txIndex>`;
 * a client reconnecting with Last-Event-ID (or ?after=) receives exactly the
 * events after that one. Abuse limits (issue 14): streams are capped per
 * caller; a resumed connection is a replay page that costs work units and
 * ends with `page-end` after a fixed number of ledger events (the client
 * reconnects from its id); a stream ends with `end` when its API key is
 * revoked or its unit suspended, and a suspended unit cannot open one.
 */
import { Type } from '@sinclair/typebox';
import type { TypedInstance } from '../../typebox-provider';
import type { LedgerCaller as Caller } from '../../callers/caller-registry';
import { ChaincodeError } from '../../ledger/ledger-errors';
import { callerOf } from '../../plugins/authentication';
import { parseEventId, type EventPosition } from '../../ledger/ledger-client';
import { toProblem } from '../../plugins/problem-details';
import { chargeWork } from '../../plugins/rate-limit';
import { PROBLEM_BASE, ProblemError } from '../../problems';
import { suspendsViewer, viewOf } from './event-visibility';
import type { RouteContext } from './route-context';
import { problemResponses } from './components';
import { startSse, type SseWriter } from './sse-writer';
import type { StreamEnd } from './event-streams';

const EVENT_ID = '^\\d{1,15}:\\d{1,9}$';

const END_MESSAGES: Readonly<Record<Exclude<StreamEnd, 'shutdown'>, { type: string; detail: string }>> = {
  'key-revoked': { type: `${PROBLEM_BASE}unauthorised`, detail: 'The API key of this stream was revoked' },
  'unit-suspended': { type: `${PROBLEM_BASE}forbidden`, detail: 'The unit of this stream was suspended' },
};

/**
 * Refuses a verifier whose unit is suspended (an unregistered unit may listen: it sees only its own DENIED records).
 * @throws ProblemError forbidden; LedgerError when the registry cannot be read
 */
async function requireActiveUnit(ctx: RouteContext, caller: Caller): Promise<void> {
  if (caller.role !== 'verifier' || caller.unit === undefined) return;
  let state: string;
  try {
    state = (await ctx.ledger.evaluate(caller.identity, 'GetUnit', { unitId: caller.unit })).state;
  } catch (err) {
    if (err instanceof ChaincodeError && err.code === 'NOT_FOUND') return;
    throw err;
  }
  if (state === 'SUSPENDED')
    throw new ProblemError('forbidden', 'The unit is suspended: it has no event stream');
}

function finish(sse: SseWriter, pageEnd: string | undefined, endedBy: StreamEnd | undefined): void {
  if (pageEnd !== undefined) {
    sse.last({ id: pageEnd, event: 'page-end', data: { lastEventId: pageEnd } });
  } else if (endedBy === 'key-revoked' || endedBy === 'unit-suspended') {
    sse.last({ event: 'end', data: END_MESSAGES[endedBy] });
  }
  sse.end();
}

/** The event stream route. */
export function eventRoutes(app: TypedInstance, ctx: RouteContext): void {
  app.get(
    '/v1/events',
    {
      config: { roles: ['officer', 'operator', 'verifier', 'auditor'] },
      schema: {
        summary: 'Server-Sent Events of ledger events visible to the caller, resumable with Last-Event-ID',
        description: `A resumed connection is a replay page: it costs ${String(ctx.limits.events.replayPageCost)} work units and ends with page-end after ${String(ctx.limits.events.replayPageEvents)} ledger events.`,
        operationId: 'streamEvents',
        tags: ['events'],
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: EVENT_ID })) }),
        querystring: Type.Object(
          { after: Type.Optional(Type.String({ pattern: EVENT_ID })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Unsafe<string>({
            description: 'Server-Sent Events (`id`, `event`, `data` as JSON) until the client leaves',
            content: { 'text/event-stream': { schema: Type.String() } },
          }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const resumeFrom = request.headers['last-event-id'] ?? request.query.after;
      const after: EventPosition | undefined =
        resumeFrom === undefined ? undefined : parseEventId(resumeFrom);
      await requireActiveUnit(ctx, caller);
      const { replayPageCost, replayPageEvents } = ctx.limits.events;
      if (after !== undefined) chargeWork(ctx.work, caller.id, replayPageCost, 'An event replay page');
      const stream = ctx.streams.open({ callerId: caller.id, keyId: caller.keyId, unit: caller.unit });
      const clientGone = new AbortController();
      const signal = AbortSignal.any([stream.signal, clientGone.signal]);
      request.raw.on('close', () => {
        clientGone.abort();
      });

      reply.hijack();
      const sse = startSse(reply.raw, signal);
      const pageLimit = after === undefined ? Number.POSITIVE_INFINITY : replayPageEvents;
      let scanned = 0;
      let pageEnd: string | undefined;
      try {
        for await (const event of ctx.ledger.events(caller.identity, {
          ...(after ? { after } : {}),
          signal,
        })) {
          if (signal.aborted) break;
          if (suspendsViewer(caller, event) && caller.unit !== undefined) {
            ctx.streams.endUnit(caller.unit);
            break;
          }
          const view = viewOf(caller, event, ctx.limits.retentionMs);
          if (view !== undefined) await sse.message({ id: event.id, event: view.name, data: view.data });
          scanned += 1;
          if (scanned >= pageLimit) {
            pageEnd = event.id;
            break;
          }
        }
      } catch (err) {
        if (!signal.aborted) {
          const problem = toProblem(err);
          request.log.warn({ problem: problem.kind }, 'event stream ended by ledger error');
          sse.last({ event: 'error', data: { type: `${PROBLEM_BASE}${problem.kind}` } });
        }
      } finally {
        const endedBy = stream.endedBy;
        stream.done();
        finish(sse, pageEnd, endedBy);
      }
    },
  );
}
