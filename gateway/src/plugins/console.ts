/**
 * The browser console (the @idcard/console build) as static files at
 * /console/, with headers that keep it to its own origin: a strict Content
 * Security Policy (scripts, styles and API calls from this gateway only; no
 * framing), no referrer, no sniffing, and no caching of the page itself.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { ProblemError } from '../problems';

/** The console's Content Security Policy. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Where the built console is, if it was built (undefined otherwise). */
export function builtConsoleDir(): string | undefined {
  try {
    const dir = join(dirname(require.resolve('@idcard/console/package.json')), 'dist');
    return existsSync(join(dir, 'index.html')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

function secureHeaders(res: { setHeader(name: string, value: string): unknown }, path: string): void {
  res.setHeader('content-security-policy', CONSOLE_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cache-control', path.endsWith('.html') ? 'no-store' : 'no-cache');
}

/** Serves the console from `dir`; without one, /console answers a problem saying it is not built. */
export async function installConsole(app: FastifyInstance, dir: string | undefined): Promise<void> {
  app.get('/console', { schema: { hide: true } }, (_request, reply) => reply.redirect('/console/'));
  if (dir === undefined) {
    app.get('/console/*', { schema: { hide: true } }, () => {
      throw new ProblemError(
        'not-found',
        'The console is not built here (npm start builds it: node console/build.mjs)',
      );
    });
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/console/',
    decorateReply: false,
    index: ['index.html'],
    cacheControl: false,
    setHeaders: secureHeaders,
    schemaHide: true,
  });
}
