import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isNetworkError } from '@idcard/ca-client';
import { fabricConfigDir, moduleDirFromDownload, prepareFabricConfigDir } from './fabric-sample-config';
import { fakeNetwork, fakeProgram } from './test-support/fake-network';

describe('Fabric sample config', () => {
  const net = fakeNetwork('raft');

  it('takes the module folder from go mod download -json', () => {
    const out = JSON.stringify({
      Path: net.cfg.fabric.module,
      Dir: '/go/pkg/mod/github.com/hyperledger/fabric@v',
    });
    expect(moduleDirFromDownload(net.cfg, out, '')).toBe('/go/pkg/mod/github.com/hyperledger/fabric@v');
  });

  it('reports a refused module as MODULE_UNAVAILABLE naming the module and version', () => {
    const out = JSON.stringify({
      Path: net.cfg.fabric.module,
      Error:
        'reading https://proxy.golang.org/...: 403 Forbidden\n\tserver response: This module version is not available.',
    });
    let caught: unknown;
    try {
      moduleDirFromDownload(net.cfg, out, '');
    } catch (err) {
      caught = err;
    }
    expect(isNetworkError(caught, 'MODULE_UNAVAILABLE')).toBe(true);
    expect((caught as Error).message).toContain(`${net.cfg.fabric.module}@${net.cfg.fabric.moduleVersion}`);
    expect((caught as { details: string[] }).details.join('\n')).toContain('403 Forbidden');
  });

  it('reports go failing without JSON as MODULE_UNAVAILABLE too', () => {
    expect(() => moduleDirFromDownload(net.cfg, '', 'go: cannot reach proxy')).toThrow(/refused/);
  });

  it('copies core.yaml and orderer.yaml from the module folder go reports, writable', async () => {
    const fresh = fakeNetwork('raft');
    rmSync(fabricConfigDir(fresh.cfg), { recursive: true, force: true });
    const moduleDir = join(fresh.cfg.dataDir, 'mod', 'fabric@v');
    mkdirSync(join(moduleDir, 'sampleconfig'), { recursive: true });
    for (const f of ['core.yaml', 'orderer.yaml']) {
      writeFileSync(join(moduleDir, 'sampleconfig', f), `# sample ${f}\n`, { mode: 0o444 });
    }
    const bin = join(fresh.cfg.dataDir, 'bin');
    fakeProgram(bin, 'go', `echo "$@" > "${bin}/go.args"; printf '{"Dir":"%s"}\\n' "${moduleDir}"`);
    const saved = process.env.PATH;
    process.env.PATH = `${bin}:${saved ?? ''}`;
    try {
      const dir = await prepareFabricConfigDir(fresh.cfg);
      expect(readFileSync(join(dir, 'core.yaml'), 'utf8')).toBe('# sample core.yaml\n');
      expect(statSync(join(dir, 'orderer.yaml')).mode & 0o200).toBe(0o200);
      expect(readFileSync(join(bin, 'go.args'), 'utf8').trim()).toBe(
        `mod download -json ${fresh.cfg.fabric.module}@${fresh.cfg.fabric.moduleVersion}`,
      );
    } finally {
      process.env.PATH = saved;
    }
  });

  it('keeps an existing copy without asking go', async () => {
    const dir = fabricConfigDir(net.cfg);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'core.yaml'), 'peer: {}\n');
    writeFileSync(join(dir, 'orderer.yaml'), 'General: {}\n');
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent'; // go cannot be found: the copy must not need it
    try {
      await expect(prepareFabricConfigDir(net.cfg)).resolves.toBe(dir);
    } finally {
      process.env.PATH = saved;
    }
  });
});
