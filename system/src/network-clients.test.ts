import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkNetworkConfig, defaultConfigPath, nodeTlsDir, peerNodes } from '@idcard/network';
import { peerEndpoints } from './network-clients';

function config(host: string) {
  const raw = JSON.parse(readFileSync(defaultConfigPath(), 'utf8')) as { organisations: { host?: string }[] };
  for (const org of raw.organisations) if (org.host !== undefined) org.host = host;
  const cfg = checkNetworkConfig(raw, { dataDir: mkdtempSync(join(tmpdir(), 'clients-')), basePort: 40000 });
  // The TLS folders the endpoints name their CA file from.
  for (const peer of peerNodes(cfg))
    for (const dir of ['keystore', 'tlscacerts']) {
      mkdirSync(join(nodeTlsDir(peer), dir), { recursive: true });
      writeFileSync(join(nodeTlsDir(peer), dir, dir === 'keystore' ? 'k_sk' : 'ca.pem'), 'x');
    }
  return cfg;
}

describe('peer endpoints', () => {
  it('ask a peer dialled by IP address for its node name as TLS server name (never the IP: RFC 6066, DEP0123)', () => {
    const peers = peerEndpoints(config('127.0.0.1'), 'relyingparty');
    expect(peers.map((p) => p.name)).toEqual(['peer0.relyingparty', 'peer0.publicsecurity', 'peer0.bigdata']);
    for (const p of peers) {
      expect(p.endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(p.hostOverride).toBe(p.name);
    }
  });

  it('leave a peer dialled by name to its name', () => {
    for (const p of peerEndpoints(config('idcard.example'), 'publicsecurity')) {
      expect(p.endpoint).toMatch(/^idcard\.example:\d+$/);
      expect(p.hostOverride).toBeUndefined();
    }
  });
});
