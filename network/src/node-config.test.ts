import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  adminPeerEnv,
  GATEWAY_CONCURRENCY,
  nodeTlsFiles,
  ordererProcessSpec,
  orgTlsCaFile,
  peerProcessSpec,
} from './node-config';
import { allPorts, benchChaincodeNodes, chaincodeNode, dataPaths, ordererNodes, peerNodes } from './topology';
import { fakeNetwork, rawConfig } from './test-support/fake-network';

const portOf = (address: string | undefined): number => Number(address?.split(':').pop());

describe('orderer process spec', () => {
  const net = fakeNetwork('raft');
  const nodes = ordererNodes(net.cfg);
  const specs = nodes.map((n) => ordererProcessSpec(net.cfg, net.programs, n, net.fabricCfgDir));

  it('runs the orderer program over the sample config with its name, log and pid files', () => {
    const [spec] = specs;
    expect(spec!.program).toBe(net.programs.orderer);
    expect(spec!.env.FABRIC_CFG_PATH).toBe(net.fabricCfgDir);
    expect(spec!.logFile).toBe(join(dataPaths(net.cfg).logs, 'orderer1.orderer.log'));
    expect(spec!.pidFile).toBe(join(dataPaths(net.cfg).run, 'orderer1.orderer.pid'));
    expect(spec!.cwd).toBe(nodes[0]!.home);
  });

  it('listens on the topology ports: main, admin and operations', () => {
    specs.forEach((spec, i) => {
      const node = nodes[i]!;
      expect(spec.env.ORDERER_GENERAL_LISTENADDRESS).toBe(node.host);
      expect(spec.env.ORDERER_GENERAL_LISTENPORT).toBe(String(node.port));
      expect(spec.env.ORDERER_ADMIN_LISTENADDRESS).toBe(`${node.host}:${node.adminPort}`);
      expect(spec.env.ORDERER_OPERATIONS_LISTENADDRESS).toBe(`${node.host}:${node.operationsPort}`);
    });
  });

  it('turns TLS on everywhere, with client authentication on the admin endpoint', () => {
    const env = specs[0]!.env;
    const tls = nodeTlsFiles(nodes[0]!);
    const ca = `[${orgTlsCaFile(net.cfg, 'orderer')}]`;
    expect(env.ORDERER_GENERAL_TLS_ENABLED).toBe('true');
    expect(env.ORDERER_GENERAL_TLS_CERTIFICATE).toBe(tls.cert);
    expect(env.ORDERER_GENERAL_TLS_PRIVATEKEY).toBe(tls.key);
    expect(env.ORDERER_GENERAL_TLS_ROOTCAS).toBe(ca);
    expect(env.ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE).toBe(tls.cert);
    expect(env.ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY).toBe(tls.key);
    expect(env.ORDERER_GENERAL_CLUSTER_ROOTCAS).toBe(ca);
    expect(env.ORDERER_ADMIN_TLS_ENABLED).toBe('true');
    expect(env.ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED).toBe('true');
    expect(env.ORDERER_ADMIN_TLS_CLIENTROOTCAS).toBe(ca);
    for (const f of [tls.cert, tls.key, orgTlsCaFile(net.cfg, 'orderer')]) expect(existsSync(f)).toBe(true);
    expect(tls.key).toMatch(/\/orderer1\.orderer\/tls\/keystore\/[^/]+$/);
  });

  it('starts without a system channel, with channel participation and its ledger under its home', () => {
    const env = specs[0]!.env;
    const home = nodes[0]!.home;
    expect(env.ORDERER_GENERAL_BOOTSTRAPMETHOD).toBe('none');
    expect(env.ORDERER_CHANNELPARTICIPATION_ENABLED).toBe('true');
    expect(env.ORDERER_GENERAL_LOCALMSPID).toBe('OrdererMSP');
    expect(env.ORDERER_GENERAL_LOCALMSPDIR).toBe(join(home, 'msp'));
    for (const key of [
      'ORDERER_FILELEDGER_LOCATION',
      'ORDERER_CONSENSUS_WALDIR',
      'ORDERER_CONSENSUS_SNAPDIR',
    ]) {
      expect(env[key]!.startsWith(`${home}/`)).toBe(true);
    }
    expect(new Set([env.ORDERER_CONSENSUS_WALDIR, env.ORDERER_CONSENSUS_SNAPDIR]).size).toBe(2);
  });

  it('takes the logging spec from the config logLevel', () => {
    const chatty = fakeNetwork('raft', { ...rawConfig(), logLevel: 'debug:gossip=warning' });
    const spec = ordererProcessSpec(
      chatty.cfg,
      chatty.programs,
      ordererNodes(chatty.cfg)[0]!,
      chatty.fabricCfgDir,
    );
    expect(spec.env.FABRIC_LOGGING_SPEC).toBe('debug:gossip=warning');
  });
});

describe('peer process spec', () => {
  const net = fakeNetwork('raft');
  const nodes = peerNodes(net.cfg);
  const specs = nodes.map((n) => peerProcessSpec(net.cfg, net.programs, n, net.fabricCfgDir));

  it('runs `peer node start` with its own addresses from the topology', () => {
    specs.forEach((spec, i) => {
      const node = nodes[i]!;
      expect(spec.program).toBe(net.programs.peer);
      expect(spec.args).toEqual(['node', 'start']);
      expect(spec.env.CORE_PEER_ID).toBe(node.name);
      expect(spec.env.CORE_PEER_LISTENADDRESS).toBe(`${node.host}:${node.port}`);
      expect(spec.env.CORE_PEER_ADDRESS).toBe(`${node.host}:${node.port}`);
      expect(spec.env.CORE_PEER_GOSSIP_EXTERNALENDPOINT).toBe(`${node.host}:${node.port}`);
      expect(spec.env.CORE_PEER_CHAINCODELISTENADDRESS).toBe(`${node.host}:${node.chaincodePort}`);
      expect(spec.env.CORE_OPERATIONS_LISTENADDRESS).toBe(`${node.host}:${node.operationsPort}`);
      expect(spec.env.CORE_PEER_LOCALMSPID).toBe(node.mspId);
      expect(spec.env.CORE_PEER_FILESYSTEMPATH!.startsWith(`${node.home}/`)).toBe(true);
    });
  });

  it('bootstraps gossip from another peer of the organisation, or itself when alone', () => {
    const raw = rawConfig() as { organisations: { name: string; peers?: number }[] };
    raw.organisations.find((o) => o.name === 'publicsecurity')!.peers = 2;
    const two = fakeNetwork('raft', raw);
    const [p0, p1] = peerNodes(two.cfg).filter((n) => n.org === 'publicsecurity');
    const env1 = peerProcessSpec(two.cfg, two.programs, p1!, two.fabricCfgDir).env;
    expect(env1.CORE_PEER_GOSSIP_BOOTSTRAP).toBe(`${p0!.host}:${p0!.port}`);
    expect(specs[0]!.env.CORE_PEER_GOSSIP_BOOTSTRAP).toBe(`${nodes[0]!.host}:${nodes[0]!.port}`);
  });

  it('runs chaincode only through the ccaas builder, without Docker or keepalive', () => {
    const env = specs[0]!.env;
    expect(env.CORE_VM_ENDPOINT).toBe('');
    expect(env.CORE_CHAINCODE_EXTERNALBUILDERS).toBe(
      `[{name: ccaas_builder, path: ${net.programs.ccaasBuilderDir}, propagateEnvironment: [CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG]}]`,
    );
    expect(env.CORE_CHAINCODE_KEEPALIVE).toBe('0');
    expect(env.CORE_LEDGER_STATE_STATEDATABASE).toBe('goleveldb');
  });

  it("leads each peer to its own organisation's chaincode server, with its own TLS certificate as client", () => {
    for (const [i, peer] of nodes.entries()) {
      const config = JSON.parse(specs[i]!.env.CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG ?? '{}') as Record<
        string,
        string
      >;
      const server = chaincodeNode(net.cfg, peer.org);
      const bench = benchChaincodeNodes(net.cfg).find((n) => n.org === peer.org)!;
      const tls = nodeTlsFiles(peer);
      expect(bench.port).not.toBe(server.port);
      expect(config).toEqual({
        peername: peer.name,
        address: `${server.host}:${String(server.port)}`,
        bench_address: `${bench.host}:${String(bench.port)}`,
        root_cert: readFileSync(orgTlsCaFile(net.cfg, peer.org), 'utf8'),
        client_cert: readFileSync(tls.cert, 'utf8'),
        client_key: readFileSync(tls.key, 'utf8'),
      });
    }
    const addresses = specs.map(
      (spec) =>
        (JSON.parse(spec.env.CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG ?? '{}') as { address: string }).address,
    );
    expect(new Set(addresses).size).toBe(nodes.length);
  });

  it("keeps Fabric's 15-minute proposal time window unless the config widens it", () => {
    expect(specs[0]!.env.CORE_PEER_AUTHENTICATION_TIMEWINDOW).toBe('15m');
  });

  it('uses TLS with its own certificate and raises the gateway concurrency limit', () => {
    const env = specs[1]!.env;
    const tls = nodeTlsFiles(nodes[1]!);
    expect(env.CORE_PEER_TLS_ENABLED).toBe('true');
    expect(env.CORE_PEER_TLS_CERT_FILE).toBe(tls.cert);
    expect(env.CORE_PEER_TLS_KEY_FILE).toBe(tls.key);
    expect(env.CORE_PEER_TLS_ROOTCERT_FILE).toBe(orgTlsCaFile(net.cfg, nodes[1]!.org));
    expect(existsSync(env.CORE_PEER_TLS_ROOTCERT_FILE!)).toBe(true);
    expect(env.CORE_PEER_LIMITS_CONCURRENCY_GATEWAYSERVICE).toBe(String(GATEWAY_CONCURRENCY));
    expect(GATEWAY_CONCURRENCY).toBeGreaterThan(500);
  });
});

describe('ports of all node specs', () => {
  it.each(['raft', 'bft'] as const)('are distinct and all from the topology (%s)', (consensus) => {
    const net = fakeNetwork(consensus);
    const orderers = ordererNodes(net.cfg).map((n) =>
      ordererProcessSpec(net.cfg, net.programs, n, net.fabricCfgDir),
    );
    const peers = peerNodes(net.cfg).map((n) => peerProcessSpec(net.cfg, net.programs, n, net.fabricCfgDir));
    const ports = [
      ...orderers.flatMap((s) => [
        Number(s.env.ORDERER_GENERAL_LISTENPORT),
        portOf(s.env.ORDERER_ADMIN_LISTENADDRESS),
        portOf(s.env.ORDERER_OPERATIONS_LISTENADDRESS),
      ]),
      ...peers.flatMap((s) => [
        portOf(s.env.CORE_PEER_LISTENADDRESS),
        portOf(s.env.CORE_PEER_CHAINCODELISTENADDRESS),
        portOf(s.env.CORE_OPERATIONS_LISTENADDRESS),
      ]),
    ];
    expect(new Set(ports).size).toBe(ports.length);
    const known = new Set(allPorts(net.cfg));
    for (const p of ports) expect(known.has(p)).toBe(true);
  });
});

describe('admin peer environment', () => {
  it('runs the peer CLI as the organisation admin against the given peer over TLS', () => {
    const net = fakeNetwork('raft');
    const peer = peerNodes(net.cfg).find((n) => n.org === 'bigdata')!;
    const admin = net.identities.admins.get('bigdata')!;
    const env = adminPeerEnv(net.cfg, net.programs, peer, admin, net.fabricCfgDir);
    expect(env).toMatchObject({
      FABRIC_CFG_PATH: net.fabricCfgDir,
      CORE_PEER_LOCALMSPID: 'BigDataBureauMSP',
      CORE_PEER_MSPCONFIGPATH: admin.mspDir,
      CORE_PEER_ADDRESS: `${peer.host}:${peer.port}`,
      CORE_PEER_TLS_ENABLED: 'true',
      CORE_PEER_TLS_ROOTCERT_FILE: orgTlsCaFile(net.cfg, 'bigdata'),
    });
    expect(env.PATH!.startsWith(join(net.programs.peer, '..'))).toBe(true);
  });
});
