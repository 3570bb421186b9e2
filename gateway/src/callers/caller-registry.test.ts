import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashApiKey } from './api-keys';
import { openCallerRegistry } from './caller-registry';

describe('caller registry file', () => {
  it('stores only key digests, resolves identity paths, and persists issue and revoke', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idcard-callers-'));
    const file = join(dir, 'callers.json');
    writeFileSync(
      file,
      JSON.stringify({
        callers: [
          {
            id: 'auditor-1',
            role: 'auditor',
            identity: { mspId: 'BigDataBureauMSP', certPath: 'a/cert.pem', keyPath: 'a/key.pem' },
            keys: [],
          },
        ],
      }),
    );
    const registry = openCallerRegistry(file);
    const { apiKey, keyId } = await registry.issueKey('auditor-1', new Date('2026-01-01T00:00:00Z'));
    const stored = readFileSync(file, 'utf8');
    expect(stored).not.toContain(apiKey);
    expect(stored).toContain(hashApiKey(apiKey));
    const reopened = openCallerRegistry(file);
    expect(reopened.authenticate(apiKey)).toMatchObject({
      id: 'auditor-1',
      role: 'auditor',
      identity: { certPath: join(dir, 'a/cert.pem') },
    });
    expect(
      reopened.authenticate(`${apiKey.slice(0, -1)}${apiKey.endsWith('A') ? 'B' : 'A'}`),
    ).toBeUndefined();
    await reopened.revokeKey(keyId, new Date());
    expect(openCallerRegistry(file).authenticate(apiKey)).toBeUndefined();
  });

  it('refuses an invalid registry naming the place', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'idcard-callers-')), 'callers.json');
    writeFileSync(
      file,
      JSON.stringify({
        callers: [{ id: 'x', role: 'king', identity: { mspId: 'M', certPath: 'c', keyPath: 'k' }, keys: [] }],
      }),
    );
    expect(() => openCallerRegistry(file)).toThrow(/callers\/0\/role/);
  });
});
