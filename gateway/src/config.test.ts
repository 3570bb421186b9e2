import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseConfig } from './config';
import { CERTIFICATE_AUTHORITY, MINIMAL_CONFIG } from './test-support/config-fixtures';

const valid = MINIMAL_CONFIG;
const certificateAuthority = CERTIFICATE_AUTHORITY;

/** The minimal configuration without its pseudonym key. */
function withoutKey(): Omit<typeof valid, 'privacy'> {
  const { http, fabric, callerRegistryFile, identitiesDir } = valid;
  return { http, fabric, callerRegistryFile, identitiesDir };
}

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
      commitStatus: 15_000,
    });
    expect(config.fabric.channel).toBe('idcards');
    expect(config.fabric.peers[0]?.tlsCaPath).toBe(join(dir, 'tls/ca.pem'));
    expect(config.callerRegistryFile).toBe(join(dir, 'callers.json'));
    expect(Object.isFrozen(config.fabric.peers[0])).toBe(true);
  });

  it('names no certificate authority unless the file does, and resolves the CA paths when it does', () => {
    expect(parseConfig(valid, '/etc/idcard').certificateAuthority).toBeUndefined();
    const config = parseConfig({ ...valid, certificateAuthority }, '/etc/idcard');
    expect(config.certificateAuthority).toEqual({
      ...certificateAuthority,
      tlsCertPath: '/etc/idcard/ca/tls-cert.pem',
      registrarHome: '/etc/idcard/ca/registrar',
      clientProgram: '/etc/idcard/bin/fabric-ca-client',
      timeoutMs: 60_000,
    });
  });

  it('names no audit trust unless the file does, resolves its CA files, and refuses an organisation without one', () => {
    const organisation = { mspId: 'PublicSecurityMSP', rootCertPaths: ['orgs/ps/msp/cacerts/ca-cert.pem'] };
    expect(parseConfig(valid, '/etc/idcard').audit).toBeUndefined();

    const config = parseConfig({ ...valid, audit: { organisations: [organisation] } }, '/etc/idcard');

    expect(config.audit?.organisations).toEqual([
      {
        mspId: 'PublicSecurityMSP',
        rootCertPaths: ['/etc/idcard/orgs/ps/msp/cacerts/ca-cert.pem'],
        intermediateCertPaths: [],
      },
    ]);
    expect(() =>
      parseConfig({ ...valid, audit: { organisations: [{ ...organisation, rootCertPaths: [] }] } }, '/'),
    ).toThrow(/^configuration audit\.organisations\.0\.rootCertPaths: /);
  });

  it('holds earlier pseudonym keys (resolved) and the privacy and abuse limits, with their defaults', () => {
    const config = parseConfig(
      {
        ...valid,
        privacy: { ...valid.privacy, keyId: 'k2', earlierKeys: [{ keyId: 'k1', keyFile: 'k1.key' }] },
      },
      '/etc/idcard',
    );
    expect(config.privacy?.earlierKeys).toEqual([{ keyId: 'k1', keyFile: '/etc/idcard/k1.key' }]);
    const defaults = parseConfig(valid, '/');
    expect(defaults.privacy?.earlierKeys).toEqual([]);
    expect(defaults.rateLimit.perCaller).toBe(6_000);
    expect(defaults.statusNotices).toEqual({ retentionDays: 90 });
    expect(defaults.events).toEqual({
      maxStreamsPerCaller: 4,
      maxStreams: 200,
      replayPageEvents: 1_000,
      replayPageCost: 100,
    });
    expect(defaults.fabric).toMatchObject({ maxConcurrentPerCaller: 50, maxQueuedPerCaller: 500 });
  });

  it('may name, instead of a key, the agency gateway that derives card references (resolving its key file)', () => {
    const keyless = withoutKey();
    const config = parseConfig(
      { ...keyless, pseudonymService: { url: 'http://127.0.0.1:17901', apiKeyFile: 'pseudonym-client.key' } },
      '/etc/idcard',
    );
    expect(config.privacy).toBeUndefined();
    expect(config.pseudonymService).toEqual({
      url: 'http://127.0.0.1:17901',
      apiKeyFile: '/etc/idcard/pseudonym-client.key',
      timeoutMs: 10_000,
    });
  });

  it.each<[string, unknown]>([
    ['both', { ...valid, pseudonymService: { url: 'http://127.0.0.1:1', apiKeyFile: 'k' } }],
    ['neither', { ...valid, privacy: undefined }],
  ])('refuses a configuration with %s of key and pseudonym service', (_which, config) => {
    expect(() => parseConfig(config, '/')).toThrow(/configuration privacy: give either privacy/);
  });

  it('refuses plain http to an agency gateway that is not on loopback', () => {
    const keyless = withoutKey();
    expect(() =>
      parseConfig({ ...keyless, pseudonymService: { url: 'http://gw.example:17901', apiKeyFile: 'k' } }, '/'),
    ).toThrow(/pseudonymService.url: plain http is allowed only to a loopback address/);
    expect(
      parseConfig({ ...keyless, pseudonymService: { url: 'https://gw.example:17901', apiKeyFile: 'k' } }, '/')
        .pseudonymService?.url,
    ).toBe('https://gw.example:17901');
  });

  it.each([
    [
      { ...valid, privacy: { ...valid.privacy, earlierKeys: [{ keyId: 'k1', keyFile: 'old.key' }] } },
      'privacy.earlierKeys',
    ],
    [{ ...valid, statusNotices: { retentionDays: 0 } }, 'statusNotices.retentionDays'],
    [{ ...valid, events: { maxStreamsPerCaller: 0 } }, 'events.maxStreamsPerCaller'],
    [{ ...valid, http: {} }, 'http.port'],
    [{ ...valid, privacy: { keyId: 'K!', keyFile: 'x' } }, 'privacy.keyId'],
    [{ ...valid, fabric: { ...valid.fabric, keepaliveMs: 1000 } }, 'fabric.keepaliveMs'],
    [{ ...valid, fabric: { ...valid.fabric, peers: [] } }, 'fabric.peers'],
    [{ ...valid, surprise: true }, 'surprise'],
    [
      { ...valid, certificateAuthority: { ...certificateAuthority, url: 'http://ca:7054' } },
      'certificateAuthority.url',
    ],
    [
      { ...valid, certificateAuthority: { ...certificateAuthority, mspId: 'Relying' } },
      'certificateAuthority.mspId',
    ],
  ])('fails naming the key (%#)', (raw, key) => {
    expect(() => parseConfig(raw, '/')).toThrow(ConfigError);
    try {
      parseConfig(raw, '/');
    } catch (err) {
      expect((err as ConfigError).key).toBe(key);
    }
  });
});
