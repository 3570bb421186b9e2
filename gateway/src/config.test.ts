import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseConfig } from './config';

const valid = {
  http: { port: 8080 },
  fabric: {
    peers: [{ name: 'peer0.bigdata', endpoint: '127.0.0.1:7051', tlsCaPath: 'tls/ca.pem' }],
    probeIdentity: { mspId: 'BigDataBureauMSP', certPath: 'ids/op/cert.pem', keyPath: 'ids/op/key.pem' },
  },
  privacy: { keyId: 'k1', keyFile: 'secrets/hmac.key' },
  callerRegistryFile: 'callers.json',
  identitiesDir: 'ids',
};

describe('configuration', () => {
  it('fills defaults, resolves paths against the file and freezes the result', () => {
    const dir = mkdtempSync(join(tmpdir(), 'idcard-cfg-'));
    const file = join(dir, 'gateway.json');
    writeFileSync(file, JSON.stringify(valid));
    const config = loadConfig(file);
    expect(config.fabric.keepaliveMs).toBe(120_000);
    expect(config.fabric.deadlinesMs).toEqual({
      evaluate: 10_000,
      endorse: 30_000,
      submit: 10_000,
      commitStatus: 60_000,
    });
    expect(config.fabric.channel).toBe('idcards');
    expect(config.fabric.peers[0]?.tlsCaPath).toBe(join(dir, 'tls/ca.pem'));
    expect(config.callerRegistryFile).toBe(join(dir, 'callers.json'));
    expect(Object.isFrozen(config.fabric.peers[0])).toBe(true);
  });

  it.each([
    [{ ...valid, http: {} }, 'http.port'],
    [{ ...valid, privacy: { keyId: 'K!', keyFile: 'x' } }, 'privacy.keyId'],
    [{ ...valid, fabric: { ...valid.fabric, keepaliveMs: 1000 } }, 'fabric.keepaliveMs'],
    [{ ...valid, fabric: { ...valid.fabric, peers: [] } }, 'fabric.peers'],
    [{ ...valid, surprise: true }, 'surprise'],
  ])('fails naming the key (%#)', (raw, key) => {
    expect(() => parseConfig(raw, '/')).toThrow(ConfigError);
    try {
      parseConfig(raw, '/');
    } catch (err) {
      expect((err as ConfigError).key).toBe(key);
    }
  });
});
