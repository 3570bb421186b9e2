/**
 * A new user's first five minutes, through the real CLI on a real network:
 * `idcard up` prints the API and a copy-paste sequence; the sequence, run
 * exactly as printed, ends INVALID/LOST; `idcard status --json` shows every
 * node healthy and the peers at one height; `idcard up` again on the same
 * data dir exits 0 and keeps every earlier transaction.
 */
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPaths, networkDown, peerNodes, type ResolvedConfig } from '@idcard/network';
import { QUICKSTART_BEGIN, QUICKSTART_END } from '@idcard/cli';
import { QUICKSTART_HOLDER, QUICKSTART_PRINTED } from '@idcard/system';
import { apiClient } from '../support/api-client';
import { heightReader } from '../support/fabric-heights';
import { initialKeyRoutes } from '../support/full-network';
import { startShiftedClockGateway } from '../support/shifted-clock-gateway';
import { testNetworkConfig } from '../support/test-network';

interface NodeState {
  readonly name: string;
  readonly kind: string;
  readonly healthy: boolean;
  readonly blockHeight?: number | null;
}

interface Verification {
  readonly result: { readonly result: string; readonly reason?: string; readonly cardRef?: string };
  readonly blockNumber: number;
}

function idcard(cfg: ResolvedConfig, ...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(
    process.execPath,
    [
      join(cfg.projectRoot, 'scripts', 'bin', 'idcard.js'),
      ...args,
      '--data-dir',
      cfg.dataDir,
      '--base-port',
      String(cfg.basePort),
    ],
    { cwd: cfg.projectRoot, encoding: 'utf8', timeout: 540_000 },
  );
}

/** The printed sequence, cut out of `up`'s output and unindented: exactly what a user pastes. */
function printedSequence(stdout: string): string {
  const lines = stdout.split('\n');
  const begin = lines.findIndex((l) => l.startsWith(QUICKSTART_BEGIN));
  const end = lines.indexOf(QUICKSTART_END);
  if (begin < 0 || end < begin) throw new Error(`no sequence in the output of up:\n${stdout}`);
  return lines
    .slice(begin + 1, end)
    .map((l) => l.replace(/^ {2}/, ''))
    .join('\n');
}

/** A GET on a connection of its own (no keep-alive pool). */
function getOnce(url: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    }).on('error', reject);
  });
}

const jsonLines = (text: string): unknown[] =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as unknown);

describe('first run: idcard up, the printed sequence, status, up again', () => {
  let cfg: ResolvedConfig | undefined;
  let firstUp: SpawnSyncReturns<string>;
  let firstUpSeconds = 0;

  beforeAll(async () => {
    cfg = await testNetworkConfig('first-run');
    const t0 = Date.now();
    firstUp = idcard(cfg, 'up', '--detach');
    firstUpSeconds = (Date.now() - t0) / 1000;
  }, 600_000);

  afterAll(async () => {
    if (cfg !== undefined) await networkDown(cfg);
  }, 120_000);

  const config = (): ResolvedConfig => {
    if (cfg === undefined) throw new Error('no config');
    return cfg;
  };

  it('up exits 0 and prints each organisation’s gateway with its docs and callers, and the sequence', () => {
    if (firstUp.status !== 0) throw new Error(`up exited ${String(firstUp.status)}:\n${firstUp.stderr}`);
    for (const org of ['publicsecurity', 'bigdata', 'relyingparty']) {
      expect(firstUp.stdout).toMatch(
        new RegExp(
          `gateway\\.${org} — API: http://127\\.0\\.0\\.1:\\d+/v1 {3}docs: http://127\\.0\\.0\\.1:\\d+/docs`,
        ),
      );
    }
    expect(firstUp.stdout).toContain('its callers: officer1 (officer), auditor1 (auditor)');
    expect(firstUp.stdout).toContain('its callers: operator1 (operator)');
    expect(firstUp.stdout).toContain('its callers: unit-lib-0001 (verifier), unit-admin (unit-admin)');
    expect(firstUp.stdout).toContain('relying unit LIB-0001: registered on the ledger');
    expect(firstUp.stdout).toMatch(/fabric 3\.1\.\d+: pre-installed|fabric 3\.1\.\d+: up to date/);
    process.stdout.write(`first up: ready after ${firstUpSeconds.toFixed(1)} s (whole command)\n`);
  });

  it('each printed console URL serves the console page under its Content Security Policy', async () => {
    const urls = [...firstUp.stdout.matchAll(/console \(browser; [^)]*\): (http:\/\/\S+\/console\/)/g)].map(
      (m) => m[1] ?? '',
    );
    expect(urls).toHaveLength(3);
    for (const url of urls) {
      // A connection of its own, closed after: the gateways restart on these ports below, and a
      // pooled keep-alive socket to the stopped process would fail the next test's first call.
      const res = await getOnce(url);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.body).toContain('<script type="module" src="app.js">');
    }
  });

  it('the printed sequence, pasted into bash, issues, verifies VALID, reports lost, verifies INVALID/LOST', () => {
    const run = spawnSync('bash', ['-c', printedSequence(firstUp.stdout)], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).toBe('');
    const answers = jsonLines(run.stdout) as [Verification, { result: { state: string } }, Verification];
    expect(answers).toHaveLength(3);
    const [before, lost, after] = answers;
    expect(before.result).toMatchObject({ result: 'VALID' });
    expect(lost.result).toMatchObject({ state: 'LOST' });
    expect(after.result).toMatchObject({ result: 'INVALID', reason: 'LOST', cardRef: before.result.cardRef });
    expect(after.blockNumber).toBeGreaterThan(before.blockNumber);
  }, 180_000);

  it('status --json names the Fabric in use, every node healthy, the peers at one height', async () => {
    let peers: NodeState[] = [];
    let status: { fabric: string; nodes: NodeState[] } = { fabric: '', nodes: [] };
    // Peers commit the last block a moment apart: ask until they agree (bounded).
    for (let i = 0; i < 20; i++) {
      const run = idcard(config(), 'status', '--json');
      expect(run.status).toBe(0);
      status = JSON.parse(run.stdout) as typeof status;
      peers = status.nodes.filter((n) => n.kind === 'peer');
      if (new Set(peers.map((p) => p.blockHeight)).size === 1) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(status.fabric).toMatch(/^Fabric 3\.1\.\d+: /);
    expect(status.nodes.length).toBeGreaterThanOrEqual(8);
    expect(status.nodes.filter((n) => !n.healthy).map((n) => n.name)).toEqual([]);
    expect(peers).toHaveLength(3);
    expect(new Set(peers.map((p) => p.blockHeight)).size).toBe(1);
    expect(peers[0]?.blockHeight).toBeGreaterThan(4);
  }, 120_000);

  it('a gateway whose clock runs ten days ahead is refused by every peer: a client cannot move the chaincode clock', async () => {
    const read = heightReader(config());
    const before = await Promise.all(peerNodes(config()).map((p) => read(p)));
    const { keys, routes } = initialKeyRoutes(config());
    const later = await startShiftedClockGateway(config(), routes, 'ahead', 10 * 86_400_000, '/healthz');
    const res = await later.post<{ type: string }>('/v1/verifications', keys['unit-lib-0001'] ?? '', {
      ...QUICKSTART_HOLDER,
      ...QUICKSTART_PRINTED,
      purpose: 'LIBRARY_MEMBERSHIP',
    });
    expect([502, 503]).toContain(res.status);
    const logs = peerNodes(config()).map((p) =>
      readFileSync(join(dataPaths(config()).logs, `${p.name}.log`), 'utf8'),
    );
    expect(logs.some((l) => l.includes('request unauthorized due to incorrect timestamp'))).toBe(true);
    expect(await Promise.all(peerNodes(config()).map((p) => read(p)))).toEqual(before);
  }, 240_000);

  it('up again on the same data dir, after down, exits 0 and keeps every earlier transaction', async () => {
    expect(idcard(config(), 'down').status).toBe(0);
    const t0 = Date.now();
    const again = idcard(config(), 'up', '--detach');
    process.stdout.write(`second up: ready after ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    if (again.status !== 0) throw new Error(`up again exited ${String(again.status)}:\n${again.stderr}`);
    expect(again.stdout).toContain('relying unit LIB-0001: already registered');

    const { keys } = initialKeyRoutes(config());
    const url = /gateway\.relyingparty — API: (http:\/\/\S+)\/v1/.exec(again.stdout)?.[1];
    if (url === undefined || keys['unit-lib-0001'] === undefined) throw new Error('no URL or unit key');
    const res = await apiClient(url).post<Verification>('/v1/verifications', keys['unit-lib-0001'], {
      ...QUICKSTART_HOLDER,
      ...QUICKSTART_PRINTED,
      purpose: 'LIBRARY_MEMBERSHIP',
    });
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ result: 'INVALID', reason: 'LOST' });
  }, 600_000);
});
