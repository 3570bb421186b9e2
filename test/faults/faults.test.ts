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
import {
  chaincodeNode,
  chaincodeServerSpec,
  gatewayNode,
  networkDown,
  nodeTlsFiles,
  ordererProcessSpec,
  orgTlsCaFile,
  peerNodes,
  peerProcessSpec,
  prepareFabricConfigDir,
  probe,
  waitForRaftLeader,
  type ResolvedConfig,
} from '@idcard/network';
import { startGatewayOf, type GatewayStage } from '@idcard/system';
import {
  expectJournalOnLedger,
  expectOnlyRetryLater,
  faultPeople,
  killAndRestart,
  operationsHealthy,
  startLoad,
} from '../support/fault-injection';
import type { VerificationLoad } from '../support/fault-load';
import { startFullNetwork, type FullNetwork } from '../support/full-network';

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

  beforeAll(async () => {
    net = await startFullNetwork('faults', (c) => {
      cfg = c;
    });
    load = await startLoad(net, faultPeople('1990030'));
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
      config(),
      load,
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
      config(),
      load,
      peer,
      () => Promise.resolve(peerProcessSpec(config(), net.up.programs, peer, fabricCfgDir)),
      operationsHealthy(peer),
    );
    expect(load.current.recoveryMs).not.toBeNull();
    expectOnlyRetryLater(load.current);
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
      config(),
      load,
      server,
      () => Promise.resolve(spec),
      async () => (await probe(`${unitGateway().url}/readyz`)).healthy,
    );
    expect(load.current.recoveryMs).not.toBeNull();
    expectOnlyRetryLater(load.current);
  }, 300_000);

  it('rides out the gateway killed mid-load and restarted; clients retry with the same key', async () => {
    load.phase('gateway SIGKILL');
    const node = gatewayNode(config(), unitGateway().org);
    await killAndRestart(
      config(),
      load,
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
    await expectJournalOnLedger(net, load);
  }, 600_000);
});
