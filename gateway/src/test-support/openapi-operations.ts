/**
 * The operations of the served OpenAPI document, read into the parts a
 * request generator needs: method, path template, parameters by location
 * and the JSON request body schema.
 */
import type { JsonSchema } from './schema-arbitraries';

/** One parameter of an operation. */
export interface OperationParameter {
  readonly name: string;
  readonly required: boolean;
  readonly schema: JsonSchema;
}

/** One documented operation. */
export interface Operation {
  /** `METHOD /path/{param}`, as documented. */
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly pathParams: readonly OperationParameter[];
  readonly queryParams: readonly OperationParameter[];
  readonly headerParams: readonly OperationParameter[];
  readonly body: JsonSchema | undefined;
}

interface RawParameter {
  readonly in: string;
  readonly name: string;
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}
interface RawOperation {
  readonly parameters?: readonly RawParameter[];
  readonly requestBody?: { readonly content?: Record<string, { readonly schema?: JsonSchema }> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** The operations of an OpenAPI 3 document (`paths` only). */
export function operationsOf(document: {
  readonly paths: Readonly<Record<string, Readonly<Record<string, RawOperation>>>>;
}): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => {
        const params = (where: string) =>
          (op.parameters ?? [])
            .filter((p) => p.in === where)
            .map((p) => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} }));
        return {
          id: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          pathParams: params('path'),
          queryParams: params('query'),
          headerParams: params('header'),
          body: op.requestBody?.content?.['application/json']?.schema,
        };
      }),
  );
}
