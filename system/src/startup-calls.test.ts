import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bootstrapLedger, registerConfiguredUnits, type GatewayStage } from './gateway-stage';

/** A stand-in gateway whose answers a test scripts, recording what it was asked. */
interface ScriptedGateway {
  readonly stage: GatewayStage;
  readonly calls: { path: string; body: string; auth: string | undefined }[];
  close(): Promise<void>;
}

type Answer = readonly [number, unknown];

async function scriptedGateway(answer: (path: string, n: number) => Answer): Promise<ScriptedGateway> {
  const calls: ScriptedGateway['calls'] = [];
  const counts = new Map<string, number>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      const path = req.url ?? '';
      if (path === '/readyz') {
        res.writeHead(200).end('{}');
        return;
      }
      calls.push({ path, body, auth: req.headers.authorization });
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      const [status, payload] = answer(path, n);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    stage: {
      org: 'bigdata',
      url: `http://127.0.0.1:${String(port)}`,
      pid: process.pid,
      apiKeysFile: '/nonexistent',
    },
    calls,
    close: () =>
      new Promise<void>((r) =>
        server.close(() => {
          r();
        }),
      ),
  };
}

const notReady: Answer = [
  503,
  { type: 'urn:idcard:problem:ledger-unavailable', detail: 'No peer could complete the call' },
];

describe('start-up calls of up', () => {
  let gw: ScriptedGateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  it('retries Bootstrap while the ledger answers 503, then reports the commit', async () => {
    gw = await scriptedGateway((_path, n) =>
      n < 3 ? notReady : [200, { result: { guards: ['cards'], created: true }, txId: 'tx1', blockNumber: 5 }],
    );
    await expect(bootstrapLedger(gw.stage, 'op-key', 20_000)).resolves.toEqual({
      created: true,
      txId: 'tx1',
    });
    expect(gw.calls.map((c) => c.path)).toEqual(Array(3).fill('/v1/admin/bootstrap'));
    expect(gw.calls.every((c) => c.auth === 'Bearer op-key')).toBe(true);
  });

  it('gives up at the deadline with the last answer in the error', async () => {
    gw = await scriptedGateway(() => notReady);
    await expect(bootstrapLedger(gw.stage, 'op-key', 2_000)).rejects.toThrow(
      /POST \/v1\/admin\/bootstrap did not succeed within \d+ s; last answer 503: No peer could complete the call/,
    );
    expect(gw.calls.length).toBeGreaterThan(1);
  });

  it('does not retry a refusal that is not about readiness', async () => {
    gw = await scriptedGateway(() => [403, { detail: 'role operator required' }]);
    await expect(bootstrapLedger(gw.stage, 'op-key', 20_000)).rejects.toThrow(
      'Bootstrap was refused (403): role operator required',
    );
    expect(gw.calls).toHaveLength(1);
  });

  it('registers each configured unit, counting an existing one as done', async () => {
    gw = await scriptedGateway((path, n) => {
      if (n === 1) return notReady;
      return n === 2 ? [201, { result: { unitId: 'LIB-0001' } }] : [409, { detail: 'exists' }];
    });
    const unit = {
      unitId: 'LIB-0001',
      category: 'LIBRARY',
      displayName: 'Library',
      allowedPurposes: ['LIBRARY_MEMBERSHIP'],
    };
    await expect(registerConfiguredUnits(gw.stage, 'op-key', [unit], 20_000)).resolves.toEqual([
      { unitId: 'LIB-0001', registered: true },
    ]);
    await expect(registerConfiguredUnits(gw.stage, 'op-key', [unit], 20_000)).resolves.toEqual([
      { unitId: 'LIB-0001', registered: false },
    ]);
    expect(JSON.parse(gw.calls[0]?.body ?? '{}')).toEqual(unit);
  });

  it('stops on a refused registration, naming the unit', async () => {
    gw = await scriptedGateway(() => [400, { detail: 'allowedPurposes: must be one of' }]);
    await expect(
      registerConfiguredUnits(
        gw.stage,
        'op-key',
        [{ unitId: 'X-1', category: 'BANK', displayName: 'X', allowedPurposes: ['NOPE'] }],
        5_000,
      ),
    ).rejects.toThrow('registering unit X-1 was refused (400)');
  });
});
