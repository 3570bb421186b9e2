/**
 * The OpenAPI document (generated from the route schemas) at /openapi.json
 * and browsable documentation at /docs.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { PROBLEM_BASE, PROBLEM_KINDS } from '../problems';

/** Registers the document generator; call before registering routes. */
export async function installOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Resident ID-card status gateway',
        version: '1.0.0',
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
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
}
