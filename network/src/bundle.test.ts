import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envFileLine, rebasePaths, writeOrgBundle, type BundleConnection } from './bundle';
import { ordererNodes, peerNodes } from './topology';
import { fakeNetwork, rawConfig } from './test-support/fake-network';

describe('env file lines', () => {
  it('single-quotes values so sh and systemd read them back unchanged', () => {
    const value = "[{name: ccaas_builder, path: /x y, propagateEnvironment: [A]}] it's";
    const line = envFileLine('CORE_CHAINCODE_EXTERNALBUILDERS', value);
    const echoed = execFileSync('/bin/sh', ['-c', `${line}; printf %s "$CORE_CHAINCODE_EXTERNALBUILDERS"`], {
      encoding: 'utf8',
    });
    expect(echoed).toBe(value);
  });

  it('moves every occurrence of a path prefix, longest first', () => {
    expect(
      rebasePaths('[/d/org/msp/tlscacerts/ca.pem]', [
        ['/d', '/elsewhere'],
        ['/d/org', '/bundle'],
      ]),
    ).toBe('[/bundle/msp/tlscacerts/ca.pem]');
  });
});

describe('organisation bundle', () => {
  const moved = rawConfig() as { organisations: { name: string; host: string }[] };
  moved.organisations.find((o) => o.name === 'bigdata')!.host = '10.0.0.2';
  const net = fakeNetwork('raft', moved);
  const out = join(net.cfg.dataDir, 'bundles', 'bigdata');
  const bundle = writeOrgBundle(net.cfg, 'bigdata', out);
  const peer = peerNodes(net.cfg).find((n) => n.org === 'bigdata')!;

  it('holds the org MSP, its nodes msp/tls, admin and clients, but no other organisation', () => {
    expect(bundle.nodes).toEqual(['peer0.bigdata']);
    expect(bundle.identities).toEqual(['admin', 'operator1']);
    for (const f of [
      'msp/tlscacerts/ca-cert.pem',
      'msp/config.yaml',
      'nodes/peer0.bigdata/msp/signcerts/cert.pem',
      'nodes/peer0.bigdata/tls/keystore/tls_sk',
      'identities/admin/msp/signcerts/cert.pem',
      'identities/operator1/msp/keystore/priv_sk',
      'fabric-config/core.yaml',
    ]) {
      expect(existsSync(join(out, f))).toBe(true);
    }
    expect(existsSync(join(out, 'nodes', 'peer0.publicsecurity'))).toBe(false);
  });

  it('writes a node env file whose paths point into the bundle and whose addresses use the org host', () => {
    const env = readFileSync(join(out, 'node-env', 'peer0.bigdata.env'), 'utf8');
    expect(env).toContain(`CORE_PEER_ADDRESS='10.0.0.2:${peer.port}'`);
    expect(env).toContain(
      `CORE_PEER_TLS_CERT_FILE='${join(out, 'nodes', 'peer0.bigdata', 'tls', 'signcerts', 'cert.pem')}'`,
    );
    expect(env).toContain(`FABRIC_CFG_PATH='${join(out, 'fabric-config')}'`);
    expect(env).not.toContain(`${net.cfg.dataDir}/organisations`);
    expect(env).not.toMatch(/^PATH=/m);
  });

  it('writes a connection profile with its peers, the orderers, channel and chaincode', () => {
    const conn = JSON.parse(readFileSync(join(out, 'connection.json'), 'utf8')) as BundleConnection;
    expect(conn).toMatchObject({ organisation: 'bigdata', mspId: 'BigDataBureauMSP', channel: 'idcards' });
    expect(conn.chaincode).toBe('idcard');
    expect(conn.peers.map((p) => p.address)).toEqual([`10.0.0.2:${peer.port}`]);
    expect(conn.peers[0]!.tlsCaCert).toContain('BEGIN CERTIFICATE');
    expect(conn.orderers.map((o) => o.address)).toEqual(
      ordererNodes(net.cfg).map((n) => `${n.host}:${n.port}`),
    );
  });

  it('bundles the orderer organisation with an env file per ordering node', () => {
    const ordOut = join(net.cfg.dataDir, 'bundles', 'orderer');
    const ord = writeOrgBundle(net.cfg, 'orderer', ordOut);
    expect(ord.nodes).toEqual(ordererNodes(net.cfg).map((n) => n.name));
    const env = readFileSync(join(ordOut, 'node-env', 'orderer2.orderer.env'), 'utf8');
    expect(env).toContain(
      `ORDERER_GENERAL_TLS_ROOTCAS='[${join(ordOut, 'msp', 'tlscacerts', 'ca-cert.pem')}]'`,
    );
  });

  it('rejects an unknown organisation', () => {
    expect(() => writeOrgBundle(net.cfg, 'nobody', join(net.cfg.dataDir, 'x'))).toThrow(
      /unknown organisation/,
    );
  });
});
