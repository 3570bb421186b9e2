/**
 * The BFT option of issue #2: four SmartBFT ordering nodes instead of three
 * Raft ones, and a transaction commits and reads back on every peer.
 *
 * Never run yet: the Fabric peer and orderer cannot be built on the machines
 * this was written on (the runner lists this suite as NOT RUN there).
 */
import { StatusCode } from '@hyperledger/fabric-gateway';
import { MSP_IDS, type Unit } from '@idcard/common';
import { networkStatus, networkUp, type ResolvedConfig, type UpResult } from '@idcard/network';
import { heightReader, heightsOf, waitForPeersLevel } from '../support/fabric-heights';
import {
  bootstrapGuards,
  evaluateOn,
  eventually,
  ledgerClients,
  registerLibrary,
  type LedgerClients,
} from '../support/ledger-clients';
import { testNetworkConfig } from '../support/test-network';
import { closeAndStop } from '../support/teardown';

describe('the Fabric network with BFT ordering', () => {
  let cfg: ResolvedConfig;
  let up: UpResult;
  let clients: LedgerClients;

  beforeAll(async () => {
    cfg = await testNetworkConfig('bft', 'bft');
    up = await networkUp(cfg, () => undefined);
    clients = ledgerClients(cfg, up.identities);
    await bootstrapGuards(clients, 'operator1');
  }, 600_000);

  afterAll(() => closeAndStop(cfg, clients), 120_000);

  it('runs four healthy ordering nodes', async () => {
    const orderers = (await networkStatus(cfg)).filter((r) => r.kind === 'orderer');
    expect(orderers).toHaveLength(4);
    for (const row of orderers) expect(row.healthy).toBe(true);
  });

  it('commits a transaction that every peer and every orderer then holds', async () => {
    const committed = await registerLibrary(clients, 'operator1', 'LIB-0001');
    expect(committed.code).toBe(StatusCode.VALID);
    for (const mspId of [MSP_IDS.publicSecurity, MSP_IDS.bigDataBureau, MSP_IDS.relyingParty]) {
      const unit = await eventually(
        `LIB-0001 on the ${mspId} peer`,
        () =>
          evaluateOn<Unit>(
            clients.as('auditor1', clients.peerOf(mspId).name).contract('units'),
            'GetUnit',
            ['LIB-0001'],
            mspId,
          ),
        (u) => u.unitId === 'LIB-0001',
      );
      expect(unit.state).toBe('ACTIVE');
    }
    const read = heightReader(cfg);
    const height = Number(committed.blockNumber) + 1;
    await waitForPeersLevel(cfg, read, height);
    for (const [name, h] of await heightsOf(cfg, read, 'orderer')) {
      expect({ name, atLeast: (h ?? 0) >= height }).toEqual({ name, atLeast: true });
    }
  }, 300_000);
});
