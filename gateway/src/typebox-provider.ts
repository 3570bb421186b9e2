/**
 * A Fastify type provider for TypeBox schemas: request parts are typed from
 * the route's schemas. Written here rather than taken from
 * @fastify/type-provider-typebox because npm resolves that package's TypeBox
 * peer to the workspace root copy (0.27, from jest), not our pinned 0.34.
 */
import type { FastifyBaseLogger, FastifyInstance, FastifyTypeProvider, RawServerDefault } from 'fastify';
import type { Static, TSchema } from '@sinclair/typebox';

/** Types request bodies, params, query strings and headers from TypeBox schemas. */
export interface TypeBoxProvider extends FastifyTypeProvider {
  validator: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
  serializer: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
}

/** The app instance with TypeBox typing. */
export type TypedInstance = FastifyInstance<
  RawServerDefault,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLogger,
  TypeBoxProvider
>;
