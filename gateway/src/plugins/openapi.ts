/**
 * The OpenAPI 3.1 document (generated from the route schemas) at
 * /openapi.json and browsable documentation at /docs. 3.1 because its
 * schemas are JSON Schema 2020-12, which the TypeBox route schemas are: a
 * nullable field is `anyOf [T, {type: 'null'}]` in the document as in
 * validation (docs/api.md, The document). The shared shapes are named
 * components (routes/v1/components.ts), registered here with the app.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { PROBLEM_BASE, PROBLEM_KINDS } from '../problems';
import { COMPONENTS } from '../routes/v1/components';

/** An OpenAPI server entry. */
interface Server {
  readonly url: string;
  readonly description: string;
}

const WILDCARD_HOSTS: ReadonlySet<string> = new Set(['0.0.0.0', '::']);

function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${String(address.port)}`;
}

/**
 * Where clients reach this gateway: its configured public URL, else the
 * addresses it listens on; before it listens, or on a wildcard address (no
 * host clients could use), the host that served the document (a relative
 * server URL).
 */
function serversOf(app: FastifyInstance, publicUrl: string | undefined): Server[] {
  if (publicUrl !== undefined) return [{ url: publicUrl, description: 'This gateway' }];
  const listening = app.server.listening
    ? app.addresses().filter((address) => !WILDCARD_HOSTS.has(address.address))
    : [];
  if (listening.length === 0) return [{ url: '/', description: 'The gateway that served this document' }];
  return listening.map((address) => ({ url: urlOf(address), description: 'This gateway' }));
}

/**
 * Registers the named components and the document generator; call before
 * registering routes. `publicUrl`: where clients reach the gateway.
 */
export async function installOpenApi(app: FastifyInstance, publicUrl?: string): Promise<void> {
  for (const component of COMPONENTS) app.addSchema(component.schema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Resident ID-card status gateway',
        version: '1.0.0',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
        description: `Errors are application/problem+json with type ${PROBLEM_BASE}<kind>; kinds: ${Object.keys(
          PROBLEM_KINDS,
        ).join(', ')}.`,
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'API key issued at onboarding' },
        },
      },
      security: [{ apiKey: [] }],
    },
    // Components keep their names (`#/components/schemas/Card`), not `def-<n>`.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${String(i)}`,
    },
  });
  const withServers = <D extends object>(document: D) => ({
    ...document,
    servers: serversOf(app, publicUrl),
  });
  await app.register(swaggerUi, { routePrefix: '/docs', transformSpecification: withServers });
  app.get('/openapi.json', { schema: { hide: true } }, () => withServers(app.swagger()));
}
