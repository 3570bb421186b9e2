import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testGateway } from '../test-support/test-gateway';
import { CONSOLE_CSP } from './console';

function consoleDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'console-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dir, 'app.js'), 'export {};');
  return dir;
}

describe('the console at /console/', () => {
  it('serves the page without a key, with a strict content security policy and no caching', async () => {
    const gw = await testGateway({ consoleDir: consoleDir() });
    const page = await gw.app.inject({ method: 'GET', url: '/console/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>console</title>');
    expect(page.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('DENY');
    const script = await gw.app.inject({ method: 'GET', url: '/console/app.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.headers['content-security-policy']).toBe(CONSOLE_CSP);
  });

  it('sends /console to /console/ and answers a problem for a file that is not there', async () => {
    const gw = await testGateway({ consoleDir: consoleDir() });
    const bare = await gw.app.inject({ method: 'GET', url: '/console' });
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe('/console/');
    const missing = await gw.app.inject({ method: 'GET', url: '/console/../../etc/passwd' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain('root:');
  });

  it('says the console is not built when the gateway has none', async () => {
    const gw = await testGateway();
    const res = await gw.app.inject({ method: 'GET', url: '/console/' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json<{ detail: string }>().detail).toMatch(/not built/);
  });
});

describe('GET /v1/me', () => {
  it.each(['officer', 'verifier', 'operator', 'auditor', 'unit-admin'] as const)(
    'names the %s behind the key without a ledger call',
    async (who) => {
      const gw = await testGateway();
      const calls = gw.ledger.calls.length;
      const res = await gw.app.inject({
        method: 'GET',
        url: '/v1/me',
        headers: { authorization: `Bearer ${gw.keys[who]}` },
      });
      expect(res.statusCode).toBe(200);
      const me = res.json<{ role: string; keyId: string; callerId: string }>();
      expect(me.role).toBe(who);
      expect(gw.keys[who]).toContain(me.keyId);
      expect(gw.ledger.calls.length).toBe(calls);
    },
  );

  it('refuses an unknown or revoked key with 401', async () => {
    const gw = await testGateway();
    for (const key of [gw.keys.revoked, 'idk_0000000000000000_' + 'A'.repeat(43)]) {
      const res = await gw.app.inject({
        method: 'GET',
        url: '/v1/me',
        headers: { authorization: `Bearer ${key}` },
      });
      expect(res.statusCode).toBe(401);
    }
  });
});
