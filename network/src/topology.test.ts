import { readFileSync } from 'node:fs';
import { checkNetworkConfig, defaultConfigPath } from './config';
import {
  allNodes,
  allPorts,
  caNode,
  chaincodeNodes,
  gatewayNode,
  gatewayNodes,
  orgHome,
  ordererNodes,
  peerNodes,
} from './topology';

const base = JSON.parse(readFileSync(defaultConfigPath(), 'utf8')) as Record<string, unknown>;

describe('topology', () => {
  const cfg = checkNetworkConfig(base, { dataDir: '/tmp/topo', basePort: 40000 });

  it('derives 3 raft orderers, 3 peers, 4 CAs, a chaincode server and a gateway per peer organisation', () => {
    const kinds = allNodes(cfg).map((n) => n.kind);
    expect(kinds.filter((k) => k === 'orderer')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'peer')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'ca')).toHaveLength(4);
    expect(chaincodeNodes(cfg).map((n) => [n.name, n.mspId])).toEqual([
      ['chaincode.idcard.publicsecurity', 'PublicSecurityMSP'],
      ['chaincode.idcard.bigdata', 'BigDataBureauMSP'],
      ['chaincode.idcard.relyingparty', 'RelyingPartyMSP'],
    ]);
    expect(kinds.filter((k) => k === 'chaincode')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'gateway')).toHaveLength(3);
  });

  it('gives every listener a distinct port inside [basePort, basePort+1000)', () => {
    const ports = allPorts(cfg);
    expect(new Set(ports).size).toBe(ports.length);
    for (const p of ports) {
      expect(p).toBeGreaterThanOrEqual(40000);
      expect(p).toBeLessThan(41000);
    }
  });

  it('runs 4 orderers under BFT', () => {
    const bft = checkNetworkConfig(base, { dataDir: '/tmp/topo', consensus: 'bft' });
    expect(ordererNodes(bft).map((n) => n.name)).toEqual([
      'orderer1.orderer',
      'orderer2.orderer',
      'orderer3.orderer',
      'orderer4.orderer',
    ]);
  });

  it('places each node under its organisation in the data dir and on its org host', () => {
    const moved = JSON.parse(JSON.stringify(base)) as { organisations: { name: string; host: string }[] };
    moved.organisations.find((o) => o.name === 'relyingparty')!.host = '10.0.0.3';
    const multi = checkNetworkConfig(moved, { dataDir: '/tmp/topo' });
    const rpPeer = peerNodes(multi).find((n) => n.org === 'relyingparty')!;
    expect(rpPeer.host).toBe('10.0.0.3');
    expect(rpPeer.home).toBe('/tmp/topo/organisations/relyingparty/nodes/peer0.relyingparty');
    expect(caNode(multi, 'relyingparty').host).toBe('10.0.0.3');
  });

  it('supports more peers per organisation', () => {
    const more = JSON.parse(JSON.stringify(base)) as { organisations: { name: string; peers?: number }[] };
    more.organisations.find((o) => o.name === 'publicsecurity')!.peers = 2;
    const cfg2 = checkNetworkConfig(more, { dataDir: '/tmp/topo' });
    expect(
      peerNodes(cfg2)
        .filter((n) => n.org === 'publicsecurity')
        .map((n) => n.name),
    ).toEqual(['peer0.publicsecurity', 'peer1.publicsecurity']);
    const ports = allPorts(cfg2);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it("runs one gateway per peer organisation, each in its organisation's own folder, on ports after the blocks", () => {
    expect(gatewayNodes(cfg).map((n) => [n.name, n.mspId, n.port, n.home])).toEqual([
      ['gateway.publicsecurity', 'PublicSecurityMSP', 40900, `${orgHome(cfg, 'publicsecurity')}/gateway`],
      ['gateway.bigdata', 'BigDataBureauMSP', 40901, `${orgHome(cfg, 'bigdata')}/gateway`],
      ['gateway.relyingparty', 'RelyingPartyMSP', 40902, `${orgHome(cfg, 'relyingparty')}/gateway`],
    ]);
    expect(gatewayNode(cfg, 'relyingparty').host).toBe('127.0.0.1');
    expect(() => gatewayNode(cfg, 'orderer')).toThrow(/no gateway for organisation orderer/);
  });

  it("runs an organisation's CA, peers and chaincode server in its network namespace, and nothing else", () => {
    const raw = structuredClone(base);
    const orgs = raw.organisations as Record<string, unknown>[];
    const rp = orgs.find((o) => o.name === 'relyingparty');
    if (rp === undefined) throw new Error('no relyingparty in the shipped config');
    rp.netns = 'rp-ns';
    const cfg3 = checkNetworkConfig(raw, { dataDir: '/tmp/topo3', basePort: 40000 });
    const inNamespace = allNodes(cfg3)
      .filter((n) => n.netns !== undefined)
      .map((n) => [n.name, n.netns]);
    expect(inNamespace).toEqual([
      ['ca.relyingparty', 'rp-ns'],
      ['peer0.relyingparty', 'rp-ns'],
      ['chaincode.idcard.relyingparty', 'rp-ns'],
    ]);
    expect(allNodes(cfg).filter((n) => n.netns !== undefined)).toEqual([]);
    expect(() =>
      checkNetworkConfig(
        { ...raw, organisations: orgs.map((o) => (o === rp ? { ...o, netns: 'a b' } : o)) },
        { dataDir: '/tmp/t' },
      ),
    ).toThrow();
  });
});
