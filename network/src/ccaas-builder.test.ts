import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connectionJson } from './ccaas-package';

const BIN = join(__dirname, '..', 'builders', 'ccaas', 'bin');
const ROOT_PEM = '-----BEGIN CERTIFICATE-----\nroot\n-----END CERTIFICATE-----\n';
const CONFIG_VAR = 'CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG';

interface Run {
  readonly status: number | null;
  readonly stderr: string;
}

/**
 * Runs a builder script with Node as the peer would, with only PATH (and the
 * given variables) in its environment.
 */
function run(script: 'detect' | 'build' | 'release', args: string[], env: Record<string, string> = {}): Run {
  const res = spawnSync(process.execPath, [join(BIN, script), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
  });
  return { status: res.status, stderr: res.stderr };
}

/** Runs a builder script as a program of its own: its shebang and mode must do. */
function runDirect(script: 'detect' | 'build' | 'release', args: string[]): Run {
  const res = spawnSync(join(BIN, script), args, {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  return { status: res.status, stderr: res.stderr };
}

function writeFile(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe('ccaas builder', () => {
  let dir: string;
  let src: string;
  let meta: string;
  let out: string;
  let rel: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ccaas-builder-'));
    src = join(dir, 'src');
    meta = join(dir, 'metadata');
    out = join(dir, 'build');
    rel = join(dir, 'release');
    for (const d of [src, meta, out, rel]) mkdirSync(d);
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const writeMetadata = (type: string) => {
    writeFile(join(meta, 'metadata.json'), JSON.stringify({ type, label: 'idcard_1' }));
  };
  const writeConnection = (value: unknown) => {
    writeFile(join(src, 'connection.json'), JSON.stringify(value));
  };

  describe('detect', () => {
    it('detect accepts a ccaas package, whatever the case of its type', () => {
      writeMetadata('ccaas');
      expect(run('detect', [src, meta]).status).toBe(0);
      writeMetadata('CCaaS');
      expect(run('detect', [src, meta]).status).toBe(0);
    });

    it('detect rejects packages of other types', () => {
      writeMetadata('golang');
      expect(run('detect', [src, meta]).status).toBe(1);
      writeMetadata('external');
      expect(run('detect', [src, meta]).status).toBe(1);
    });

    it('detect rejects a package without metadata.json, saying so', () => {
      const res = run('detect', [src, meta]);
      expect(res.status).toBe(1);
      expect(res.stderr).toContain(join(meta, 'metadata.json'));
    });

    it('detect rejects metadata.json that is not JSON, saying so', () => {
      writeFile(join(meta, 'metadata.json'), '{type: ccaas');
      const res = run('detect', [src, meta]);
      expect(res.status).toBe(1);
      expect(res.stderr).toMatch(/not JSON/);
    });
  });

  describe('build', () => {
    it('build writes connection.json with placeholders substituted from the builder config', () => {
      writeConnection({
        address: '{{.host}}:{{ .port }}',
        dial_timeout: '10s',
        tls_required: true,
        root_cert: '{{.root}}',
        extra: { names: ['cc-{{.host}}', 7] },
      });
      const config = { host: 'cc.example', port: 9999, root: ROOT_PEM };
      const res = run('build', [src, meta, out], { [CONFIG_VAR]: JSON.stringify(config) });
      expect(res).toEqual({ status: 0, stderr: '' });
      expect(readJson(join(out, 'connection.json'))).toEqual({
        address: 'cc.example:9999',
        dial_timeout: '10s',
        tls_required: true,
        root_cert: ROOT_PEM,
        extra: { names: ['cc-cc.example', 7] },
      });
    });

    it('build refuses a placeholder naming an unknown key', () => {
      writeConnection({ address: '{{.peername}}:7052' });
      const res = run('build', [src, meta, out], { [CONFIG_VAR]: JSON.stringify({ host: 'x' }) });
      expect(res.status).not.toBe(0);
      expect(res.stderr).toMatch(/unknown key "peername"/);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(join(out, 'connection.json'))).toBe(false);
    });

    it('build refuses placeholders when no builder config is set', () => {
      writeConnection({ address: '{{.host}}:7052' });
      const res = run('build', [src, meta, out]);
      expect(res.status).not.toBe(0);
      expect(res.stderr).toContain(CONFIG_VAR);
    });

    it('build refuses a package without connection.json, naming the file', () => {
      const res = run('build', [src, meta, out]);
      expect(res.status).not.toBe(0);
      expect(res.stderr).toContain(join(src, 'connection.json'));
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
    });

    it('build refuses connection.json that is not JSON or has no string address', () => {
      writeFile(join(src, 'connection.json'), '{"address": ');
      const notJson = run('build', [src, meta, out]);
      expect(notJson.status).not.toBe(0);
      expect(notJson.stderr).toMatch(/connection\.json is not JSON/);
      writeConnection({ address: 7052 });
      const noAddress = run('build', [src, meta, out]);
      expect(noAddress.status).not.toBe(0);
      expect(noAddress.stderr).toMatch(/"address"/);
    });

    it('build copies META-INF to the build output', () => {
      writeConnection({ address: '127.0.0.1:7052' });
      const index = join('statedb', 'couchdb', 'indexes', 'byStatus.json');
      writeFile(join(src, 'META-INF', index), '{"index":{"fields":["status"]}}');
      writeFile(join(src, 'META-INF', 'notes.txt'), 'kept');
      expect(run('build', [src, meta, out]).status).toBe(0);
      expect(readFileSync(join(out, 'META-INF', index), 'utf8')).toBe('{"index":{"fields":["status"]}}');
      expect(readFileSync(join(out, 'META-INF', 'notes.txt'), 'utf8')).toBe('kept');
    });
  });

  describe('release', () => {
    it('release writes chaincode/server/connection.json and the CouchDB indexes', () => {
      writeFile(join(out, 'connection.json'), '{"address":"127.0.0.1:7052"}\n');
      writeFile(join(out, 'META-INF', 'statedb', 'couchdb', 'indexes', 'byStatus.json'), '{}');
      expect(run('release', [out, rel])).toEqual({ status: 0, stderr: '' });
      expect(readFileSync(join(rel, 'chaincode', 'server', 'connection.json'), 'utf8')).toBe(
        '{"address":"127.0.0.1:7052"}\n',
      );
      expect(readFileSync(join(rel, 'statedb', 'couchdb', 'indexes', 'byStatus.json'), 'utf8')).toBe('{}');
    });

    it('release writes no statedb folder when the build has no indexes', () => {
      writeFile(join(out, 'connection.json'), '{"address":"127.0.0.1:7052"}\n');
      expect(run('release', [out, rel]).status).toBe(0);
      expect(existsSync(join(rel, 'chaincode', 'server', 'connection.json'))).toBe(true);
      expect(existsSync(join(rel, 'statedb'))).toBe(false);
    });

    it('release refuses a build output without connection.json', () => {
      const res = run('release', [out, rel]);
      expect(res.status).not.toBe(0);
      expect(res.stderr).toContain(join(out, 'connection.json'));
    });
  });

  it('passes the connection.json of the project package through build and release unchanged', () => {
    for (const text of [connectionJson('127.0.0.1:7052', ROOT_PEM), connectionJson('127.0.0.1:7052')]) {
      writeFile(join(src, 'connection.json'), text);
      expect(run('build', [src, meta, out]).status).toBe(0);
      expect(run('release', [out, rel]).status).toBe(0);
      expect(readJson(join(rel, 'chaincode', 'server', 'connection.json'))).toEqual(JSON.parse(text));
    }
  });

  it('runs each script as a program of its own (shebang and executable mode)', () => {
    for (const script of ['detect', 'build', 'release']) {
      expect(statSync(join(BIN, script)).mode & 0o755).toBe(0o755);
    }
    writeMetadata('ccaas');
    writeConnection({ address: '127.0.0.1:7052' });
    expect(runDirect('detect', [src, meta])).toEqual({ status: 0, stderr: '' });
    expect(runDirect('build', [src, meta, out])).toEqual({ status: 0, stderr: '' });
    expect(runDirect('release', [out, rel])).toEqual({ status: 0, stderr: '' });
    expect(readJson(join(rel, 'chaincode', 'server', 'connection.json'))).toEqual({
      address: '127.0.0.1:7052',
    });
  });
});
