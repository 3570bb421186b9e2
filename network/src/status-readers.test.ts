import { rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { identityDir } from './identities';
import { diskStatusReaders } from './status-readers';
import { NO_INSTALLED_FABRIC, fakeNetwork, fakeProgram } from './test-support/fake-network';
import { ordererNodes, peerNodes } from './topology';

/** Stand-ins answering like `peer channel getinfo` (as the org admin) and `osnadmin channel list`. */
function installStandIns(net: ReturnType<typeof fakeNetwork>): void {
  const { peer, osnadmin } = net.programs;
  fakeProgram(
    dirname(peer),
    basename(peer),
    [
      'if [ "$3" = querycommitted ]; then echo \'{"sequence":3,"version":"a1b2c3"}\'; exit 0; fi',
      'case "$CORE_PEER_LOCALMSPID" in RelyingPartyMSP) h=6;; *) h=7;; esac',
      'echo "Blockchain info: {\\"height\\":$h,\\"currentBlockHash\\":\\"x\\"}"',
    ].join('\n'),
  );
  fakeProgram(
    dirname(osnadmin),
    basename(osnadmin),
    'printf \'Status: 200\\n{"name":"idcards","height":9}\\n\'',
  );
}

describe('diskStatusReaders', () => {
  it('reads peer heights as each organisation’s admin and orderer heights from the participation API', async () => {
    const net = fakeNetwork('raft');
    installStandIns(net);
    const readers = diskStatusReaders(net.cfg, NO_INSTALLED_FABRIC);
    expect(readers).toBeDefined();
    const read = readers!.height;
    const peers = peerNodes(net.cfg);
    const heights = await Promise.all(peers.map((p) => read(p)));
    expect(Object.fromEntries(peers.map((p, i) => [p.org, heights[i]]))).toEqual({
      publicsecurity: 7,
      bigdata: 7,
      relyingparty: 6,
    });
    expect(await read(ordererNodes(net.cfg)[0]!)).toBe(9);
  });

  it('reads the committed chaincode definition', async () => {
    const net = fakeNetwork('raft');
    installStandIns(net);
    expect(await diskStatusReaders(net.cfg, NO_INSTALLED_FABRIC)!.committedChaincode()).toEqual({
      sequence: 3,
      version: 'a1b2c3',
    });
  });

  it('is absent when the Fabric programs are not built (nothing is built for a status query)', () => {
    const net = fakeNetwork('raft');
    expect(diskStatusReaders(net.cfg, NO_INSTALLED_FABRIC)).toBeUndefined();
  });

  it('is absent when an organisation admin identity is missing', () => {
    const net = fakeNetwork('raft');
    installStandIns(net);
    rmSync(identityDir(net.cfg, 'bigdata', 'admin'), { recursive: true });
    expect(diskStatusReaders(net.cfg, NO_INSTALLED_FABRIC)).toBeUndefined();
  });
});
