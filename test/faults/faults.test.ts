/**
 * Faults under load (issue 16, first part): a steady load of verifications
 * through the REST API, every request retried with its own Idempotency-Key
 * until acknowledged, while, one after the other, the Raft leader, the
 * preferred peer of the units' gateway (the relying parties'), that
 * organisation's chaincode server and that gateway itself are killed with
 * SIGKILL and restarted. Afterwards every
 * acknowledged verification is on the ledger exactly once, no
 * (unit, requestId) appears twice, the peers reach one height and the audit
 * replay is clean. Each fault's figures are printed.
 *
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { MSP_IDS, type Page, type VerificationRecord } from '@idcard/common';
import {
  chaincodeNode,
  chaincodeServerSpec,
  gatewayNode,
  isAlive,
  networkDown,
  nodeDataDirs,
  nodeTlsFiles,
  ordererProcessSpec,
  orgTlsCaFile,
  peerNodes,
  peerProcessSpec,
  pidFileOf,
  prepareFabricConfigDir,
  probe,
  readPidFile,
  signal,
  startProcess,
  stopProcess,
  waitFor,
  waitForRaftLeader,
  type NodeSpec,
  type ProcessSpec,
  type ResolvedConfig,
} from '@idcard/network';
import { idNumberFor } from '../../gateway/src/test-support/id-numbers';
import { startGatewayOf, type GatewayStage } from '../../scripts/src/gateway-stage';
import { expectStatus } from '../support/api-client';
import { heightReader, settlePeers } from '../support/fabric-heights';
import { VerificationLoad, type PresentedCard } from '../support/fault-load';
import { startFullNetwork, type FullNetwork } from '../support/full-network';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const DOWN_MS = 5_000;
/** Acknowledgements after a restart that count as recovered, and how long they may take. */
const RECOVERED_AFTER = 30;
const RECOVERY_LIMIT_MS = 90_000;

const PEOPLE: PresentedCard[] = ['201', '202', '203', '204'].map((seq, i) => ({
  idNumber: idNumberFor('110105', `1990030${String(i + 1)}`, seq),
  name: `测试故障${String(i + 1)}`,
  validFrom: '2021-05-10',
  validUntil: '2041-05-10',
}));

describe('faults under load: nothing acknowledged is lost, nothing is duplicated', () => {
  let cfg: ResolvedConfig | undefined;
  let net: FullNetwork;
  /** The gateway the unit's load goes through: the relying parties'. */
  const unitGateway = (): GatewayStage => net.gatewayOf('unit-lib-0001');
  let load: VerificationLoad;

  const config = (): ResolvedConfig => {
    if (cfg === undefined) throw new Error('no network');
    return cfg;
  };

  /** SIGKILLs a node, keeps it down a moment, starts it again from `spec` and waits until it answers. */
  const killAndRestart = async (
    node: Pick<NodeSpec, 'name'>,
    spec: () => Promise<ProcessSpec | undefined>,
    healthy: () => Promise<boolean>,
  ): Promise<void> => {
    const pidFile = pidFileOf(config(), node);
    const record = readPidFile(pidFile);
    if (record === undefined) throw new Error(`no pid file for ${node.name}`);
    signal(record.pid, 'SIGKILL');
    await waitFor(`${node.name} gone`, () => Promise.resolve(!isAlive(record)), 10_000);
    await stopProcess(pidFile); // removes the stale pid file
    await sleep(DOWN_MS);
    const restart = await spec();
    if (restart !== undefined) startProcess(restart);
    await waitFor(`${node.name} back`, healthy, 120_000);
    load.restarted();
    // Recovered: new verifications are acknowledged again (bounded: a stuck gateway fails here).
    await load.acknowledgements(RECOVERED_AFTER, RECOVERY_LIMIT_MS);
  };

  const operationsHealthy = (node: NodeSpec) => async () =>
    (await probe(`http://${node.host}:${String(node.operationsPort)}/healthz`)).healthy;

  beforeAll(async () => {
    net = await startFullNetwork('faults', (c) => {
      cfg = c;
    });
    for (const person of PEOPLE) {
      expectStatus(
        await net.api.post('/v1/cards', net.keys.officer1 ?? '', {
          ...person,
          kind: 'RESIDENT_CARD',
          reasonCode: 'FIRST_ISSUE',
          occurredAt: '2021-05-10T02:00:00Z',
        }),
        201,
      );
    }
    load = new VerificationLoad(net.api, net.keys['unit-lib-0001'] ?? '', PEOPLE, 'LIBRARY_MEMBERSHIP', 6);
    load.phase('steady');
    load.start();
    await sleep(10_000);
  }, 900_000);

  afterAll(async () => {
    await load.stop().catch(() => undefined);
    if (cfg !== undefined) await networkDown(cfg);
  }, 300_000);

  it('rides out the Raft leader killed and restarted', async () => {
    load.phase('Raft leader orderer SIGKILL');
    const leader = await waitForRaftLeader(config());
    const fabricCfgDir = await prepareFabricConfigDir(config());
    await killAndRestart(
      leader,
      () => Promise.resolve(ordererProcessSpec(config(), net.up.programs, leader, fabricCfgDir)),
      operationsHealthy(leader),
    );
    expect(load.current.recoveryMs).not.toBeNull();
  }, 300_000);

  it("rides out the gateway's preferred peer killed and restarted", async () => {
    load.phase('preferred peer SIGKILL');
    const peer = peerNodes(config()).find((p) => p.org === unitGateway().org);
    if (peer === undefined) throw new Error("no peer of the unit's gateway organisation");
    const fabricCfgDir = await prepareFabricConfigDir(config());
    await killAndRestart(
      peer,
      () => Promise.resolve(peerProcessSpec(config(), net.up.programs, peer, fabricCfgDir)),
      operationsHealthy(peer),
    );
    expect(load.current.recoveryMs).not.toBeNull();
  }, 300_000);

  it("rides out an organisation's chaincode server killed and restarted", async () => {
    load.phase('chaincode server SIGKILL');
    const server = chaincodeNode(config(), unitGateway().org);
    const tls = nodeTlsFiles(server);
    const spec = chaincodeServerSpec(
      config(),
      net.up.chaincode.packageId,
      { certFile: tls.cert, keyFile: tls.key, clientCaFile: orgTlsCaFile(config(), server.org) },
      server,
    );
    await killAndRestart(
      server,
      () => Promise.resolve(spec),
      async () => (await probe(`${unitGateway().url}/readyz`)).healthy,
    );
    expect(load.current.recoveryMs).not.toBeNull();
  }, 300_000);

  it('rides out the gateway killed mid-load and restarted; clients retry with the same key', async () => {
    load.phase('gateway SIGKILL');
    const node = gatewayNode(config(), unitGateway().org);
    await killAndRestart(
      node,
      async () => {
        await startGatewayOf(config(), node.org, () => undefined, 120_000);
        return undefined;
      },
      async () => (await probe(`${unitGateway().url}/readyz`)).healthy,
    );
    expect(load.current.recoveryMs).not.toBeNull();
  }, 300_000);

  it('has every acknowledged verification on the ledger exactly once, one height, a clean audit', async () => {
    await load.stop();
    process.stdout.write(`fault figures:\n${load.phases.map((p) => `  ${JSON.stringify(p)}`).join('\n')}\n`);
    // Every peer first holds every block (a restarted peer catches up), then the gateway's reads see all.
    const heights = await settlePeers(config(), heightReader(config()));
    expect(new Set(heights.values()).size).toBe(1);
    const auditor = net.keys.auditor1 ?? '';
    const records: VerificationRecord[] = [];
    let bookmark = '';
    do {
      const page = expectStatus(
        await net.api.get<Page<VerificationRecord>>(
          `/v1/verifications?unitId=LIB-0001&pageSize=200${bookmark === '' ? '' : `&bookmark=${encodeURIComponent(bookmark)}`}`,
          auditor,
        ),
        200,
      );
      records.push(...page.items);
      bookmark = page.items.length === 0 ? '' : page.bookmark;
    } while (bookmark !== '');
    const byRequest = new Map<string, VerificationRecord[]>();
    for (const r of records) byRequest.set(r.requestId, [...(byRequest.get(r.requestId) ?? []), r]);
    const twice = [...byRequest].filter(([, rs]) => rs.length > 1).map(([id]) => id);
    expect(twice).toEqual([]);
    // The record is what was acknowledged: a retried request answered from the first record
    // (replayed) carries the replay's transaction id, so records are matched by record id.
    const missing = [...load.journal.values()].filter(
      (ack) => byRequest.get(ack.key)?.[0]?.recordId !== ack.recordId,
    );
    // For a failure message that says where each missing record is: read it back by id.
    const lookedUp = await Promise.all(
      missing.map(async (ack) => {
        const res = await net.api.get<VerificationRecord>(`/v1/verifications/${ack.recordId}`, auditor);
        const body = res.body as Partial<VerificationRecord>;
        return { ...ack, byId: res.status, requestId: body.requestId, txTime: body.txTime };
      }),
    );
    expect(lookedUp).toEqual([]);
    expect(load.journal.size).toBeGreaterThan(50);

    const peer = peerNodes(config()).find((p) => p.mspId === MSP_IDS.relyingParty);
    if (peer === undefined) throw new Error('no relying-party peer');
    const work = mkdtempSync(join(config().dataDir, 'audit-'));
    cpSync(nodeDataDirs(peer).ledger, join(work, 'ledger'), { recursive: true });
    const run = spawnSync(
      process.execPath,
      [
        join(config().projectRoot, 'scripts', 'bin', 'idcard.js'),
        'audit',
        'replay',
        '--ledger-dir',
        join(work, 'ledger'),
        '--quiet',
      ],
      { cwd: config().projectRoot, encoding: 'utf8', timeout: 300_000 },
    );
    expect({ status: run.status, stderr: run.stderr }).toMatchObject({ status: 0 });
  }, 600_000);
});
