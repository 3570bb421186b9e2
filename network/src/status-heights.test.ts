import { rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { identityDir } from './identities';
import { diskHeightReader } from './status-heights';
import { fakeNetwork, fakeProgram } from './test-support/fake-network';
import { ordererNodes, peerNodes } from './topology';

/** Stand-ins answering like `peer channel getinfo` (as the org admin) and `osnadmin channel list`. */
function installStandIns(net: ReturnType<typeof fakeNetwork>): void {
  const { peer, osnadmin } = net.programs;
  fakeProgram(
    dirname(peer),
    basename(peer),
    'case "$CORE_PEER_LOCALMSPID" in RelyingPartyMSP) h=6;; *) h=7;; esac\necho "Blockchain info: {\\"height\\":$h,\\"currentBlockHash\\":\\"x\\"}"',
  );
  fakeProgram(
    dirname(osnadmin),
    basename(osnadmin),
    'printf \'Status: 200\\n{"name":"idcards","height":9}\\n\'',
  );
}

describe('diskHeightReader', () => {
  it('reads peer heights as each organisation’s admin and orderer heights from the participation API', async () => {
    const net = fakeNetwork('raft');
    installStandIns(net);
    const read = diskHeightReader(net.cfg);
    expect(read).toBeDefined();
    const peers = peerNodes(net.cfg);
    const heights = await Promise.all(peers.map((p) => read!(p)));
    expect(Object.fromEntries(peers.map((p, i) => [p.org, heights[i]]))).toEqual({
      publicsecurity: 7,
      bigdata: 7,
      relyingparty: 6,
    });
    expect(await read!(ordererNodes(net.cfg)[0]!)).toBe(9);
  });

  it('is absent when the Fabric programs are not built (nothing is built for a status query)', () => {
    const net = fakeNetwork('raft');
    expect(diskHeightReader(net.cfg)).toBeUndefined();
  });

  it('is absent when an organisation admin identity is missing', () => {
    const net = fakeNetwork('raft');
    installStandIns(net);
    rmSync(identityDir(net.cfg, 'bigdata', 'admin'), { recursive: true });
    expect(diskHeightReader(net.cfg)).toBeUndefined();
  });
});
