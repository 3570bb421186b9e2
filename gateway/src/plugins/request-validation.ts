/**
 * Request validation: one Ajv per kind of request part. A JSON body carries
 * its own types, so a value of the wrong type is refused, never converted
 * (an array holding an ID number is not an ID number). The query string,
 * path parameters and headers are text on the wire, so their scalars are
 * converted to the type the schema names (`?pageSize=50` to the integer 50);
 * never arrays: a repeated parameter is refused, not reduced to one value.
 */
import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';

/** Options of every part: unknown fields stay (and are refused by the schemas), every error is reported. */
const SHARED_OPTIONS = { removeAdditional: false, useDefaults: true, allErrors: true } as const;

/** The request parts that are text on the wire, whose scalars are converted. */
const TEXT_PARTS: ReadonlySet<string> = new Set(['querystring', 'params', 'headers']);

/**
 * A compiler of the pool as Fastify calls it, with the route's schema
 * definition (the package's typings say a bare schema: hence the cast below).
 */
type RouteCompiler = FastifySchemaCompiler<unknown>;

/**
 * The validator compiler of the app: body (and any part not named as text)
 * without type coercion; querystring, params and headers with scalar coercion.
 */
export function requestValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const pool = AjvCompiler();
  const compilerWith = (coerceTypes: boolean): RouteCompiler =>
    pool({}, { customOptions: { ...SHARED_OPTIONS, coerceTypes } }) as unknown as RouteCompiler;
  const typed = compilerWith(false);
  const text = compilerWith(true);
  return (route) => (route.httpPart !== undefined && TEXT_PARTS.has(route.httpPart) ? text : typed)(route);
}

/** Installs the validator compiler; call before registering routes. */
export function installRequestValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(requestValidatorCompiler());
}
