/**
 * The operations of the served OpenAPI document that take a JSON body, each
 * ready to call on a test gateway: its URL (path parameters filled with
 * values the fakes know), the key of a role it admits, and one valid body
 * with every declared field (built from the schema, with coherent card data).
 */
import fc from 'fast-check';
import { withCards } from './card-arbitraries';
import { operationsOf, type Operation } from './openapi-operations';
import { validValue, withEveryField, type JsonSchema } from './schema-arbitraries';
import type { TestGateway } from './test-gateway';

/** An operation with a body, and how to call it. */
export interface BodyOperation {
  /** `METHOD /path/{param}`, as documented. */
  readonly id: string;
  readonly method: 'POST' | 'PUT';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly schema: JsonSchema;
  /** A valid body with every field of the schema. */
  readonly body: unknown;
}

/** Path parameter values the test gateway's fakes know. */
const PATH_VALUES: Readonly<Record<string, string>> = {
  cardRef: `k1.${'c'.repeat(64)}`,
  unitId: 'BANK-001',
};

/** Roles in the order a key is tried for an operation. */
const ROLES = ['officer', 'operator', 'verifier', 'auditor', 'unit-admin', 'pseudonym-client'] as const;

function urlOf(op: Operation): string {
  return op.pathParams.reduce((path, p) => {
    const value = PATH_VALUES[p.name];
    if (value === undefined) throw new Error(`no known value for path parameter ${p.name} of ${op.id}`);
    return path.replace(`{${p.name}}`, value);
  }, op.path);
}

/**
 * The first role key whose call is not refused 403 before the body is read.
 * @throws Error when every role is refused
 */
async function admittedKey(gw: TestGateway, op: Operation, url: string): Promise<Record<string, string>> {
  for (const role of ROLES) {
    const method = op.method as 'POST' | 'PUT';
    const res = await gw.app.inject({ method, url, headers: gw.auth(role) });
    if (res.statusCode !== 403) return gw.auth(role);
  }
  throw new Error(`no role may call ${op.id}`);
}

/**
 * Every documented operation with a JSON body, ready to call; `seed` fixes the bodies.
 * @throws Error when one has a method other than POST or PUT, or an unknown path parameter
 */
export async function bodyOperations(gw: TestGateway, seed: number): Promise<BodyOperation[]> {
  const doc = await gw.app.inject({ method: 'GET', url: '/openapi.json' });
  const found: BodyOperation[] = [];
  for (const op of operationsOf(doc.json())) {
    const schema = op.body;
    if (schema === undefined) continue;
    if (op.method !== 'POST' && op.method !== 'PUT') throw new Error(`a body on ${op.id}`);
    const url = urlOf(op);
    const [body] = fc.sample(validValue(withEveryField(schema), withCards), { seed, numRuns: 1 });
    found.push({ id: op.id, method: op.method, url, headers: await admittedKey(gw, op, url), schema, body });
  }
  return found;
}
