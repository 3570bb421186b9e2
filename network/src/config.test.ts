import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkNetworkConfig, defaultConfigPath, loadNetworkConfig } from './config';
import { isNetworkError } from '@idcard/ca-client';

const raw = (): Record<string, unknown> =>
  JSON.parse(readFileSync(defaultConfigPath(), 'utf8')) as Record<string, unknown>;

describe('network config', () => {
  it('loads the shipped config with absolute data and programs dirs', () => {
    const cfg = loadNetworkConfig();
    expect(cfg.dataDir).toBe(join(cfg.projectRoot, '.data', 'network'));
    expect(cfg.programsDir).toBe(join(cfg.projectRoot, '.fabric'));
    expect(cfg.consensus).toBe('raft');
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it('applies overrides for data dir, base port and consensus', () => {
    const cfg = checkNetworkConfig(raw(), { dataDir: '/tmp/x', basePort: 30000, consensus: 'bft' });
    expect(cfg.dataDir).toBe('/tmp/x');
    expect(cfg.basePort).toBe(30000);
    expect(cfg.consensus).toBe('bft');
  });

  it('rejects an unknown key naming it', () => {
    const bad = { ...raw(), colour: 'blue' };
    expect(() => checkNetworkConfig(bad)).toThrow(/network config/);
  });

  it('rejects a base port out of range with CONFIG_INVALID naming /basePort', () => {
    let caught: unknown;
    try {
      checkNetworkConfig({ ...raw(), basePort: 80 });
    } catch (err) {
      caught = err;
    }
    expect(isNetworkError(caught, 'CONFIG_INVALID')).toBe(true);
    expect((caught as Error).message).toContain('/basePort');
  });

  it('rejects a verifier client without a unit', () => {
    const cfg = raw();
    const orgs = cfg.organisations as {
      name: string;
      clients?: { name: string; role: string; unit?: string }[];
    }[];
    const rp = orgs.find((o) => o.name === 'relyingparty')!;
    rp.clients = [{ name: 'bank', role: 'verifier' }];
    expect(() => checkNetworkConfig(cfg)).toThrow(/needs a unit/);
  });

  it('rejects an auditor of the relying units, and a registration on a non-verifier', () => {
    const cfg = raw();
    const orgs = cfg.organisations as { name: string; clients?: Record<string, unknown>[] }[];
    const rp = orgs.find((o) => o.name === 'relyingparty')!;
    rp.clients = [{ name: 'rp-auditor', role: 'auditor' }];
    expect(() => checkNetworkConfig(cfg)).toThrow(
      /auditor rp-auditor must belong to PublicSecurityMSP or BigDataBureauMSP/,
    );
    const bdb = orgs.find((o) => o.name === 'bigdata')!;
    rp.clients = [];
    bdb.clients = [
      {
        name: 'op',
        role: 'operator',
        registration: { category: 'BANK', displayName: 'x', allowedPurposes: ['ACCOUNT_OPENING'] },
      },
    ];
    expect(() => checkNetworkConfig(cfg)).toThrow(/only a verifier \(relying unit\) has a registration/);
  });

  it('refuses a gateway section naming one organisation: every peer organisation runs its own', () => {
    expect(() =>
      checkNetworkConfig({ ...raw(), gateway: { organisation: 'bigdata', host: '127.0.0.1' } }),
    ).toThrow(/gateway\/organisation/);
  });

  it('reports an unreadable file as CONFIG_INVALID', () => {
    expect(() => loadNetworkConfig('/nonexistent/network.config.json')).toThrow(/cannot read network config/);
  });
});
