/**
 * The app instance typed by its routes' TypeBox schemas (request parts and
 * replies), through Fastify's own TypeBox type provider. TypeBox is pinned
 * at the workspace root too, so that provider and our schemas share one copy.
 */
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';

/** The app instance with TypeBox typing. */
export type TypedInstance = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
