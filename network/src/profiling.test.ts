import { join } from 'node:path';
import { cpuProfileArgs, chaincodeServerSpec } from './chaincode-server';
import { ordererProcessSpec, peerProcessSpec } from './node-config';
import { fakeNetwork } from './test-support/fake-network';
import { withFreeBasePort } from './free-ports';
import { chaincodeNode, ordererNodes, peerNodes } from './topology';

describe('profiling the nodes (idcard bench --profile)', () => {
  const plain = fakeNetwork('raft');
  const profiled = { ...plain, cfg: Object.freeze({ ...plain.cfg, profileDir: '/tmp/profiles' }) };

  it('opens no pprof endpoint and adds no Node option without a profile dir', () => {
    const orderer = ordererProcessSpec(
      plain.cfg,
      plain.programs,
      ordererNodes(plain.cfg)[0]!,
      plain.fabricCfgDir,
    );
    const peer = peerProcessSpec(plain.cfg, plain.programs, peerNodes(plain.cfg)[0]!, plain.fabricCfgDir);
    expect(orderer.env.ORDERER_GENERAL_PROFILE_ENABLED).toBeUndefined();
    expect(peer.env.CORE_PEER_PROFILE_ENABLED).toBeUndefined();
    expect(cpuProfileArgs(plain.cfg, 'x', true)).toEqual([]);
    expect(chaincodeServerSpec(plain.cfg, 'cc:1').args[0]).toContain('fabric-shim');
  });

  it('opens each peer and orderer pprof endpoint on its own port with a profile dir', () => {
    const orderers = ordererNodes(profiled.cfg);
    const peers = peerNodes(profiled.cfg);
    const addresses = [
      ...orderers
        .map((n) => ordererProcessSpec(profiled.cfg, profiled.programs, n, profiled.fabricCfgDir).env)
        .map((env) => {
          expect(env.ORDERER_GENERAL_PROFILE_ENABLED).toBe('true');
          return env.ORDERER_GENERAL_PROFILE_ADDRESS;
        }),
      ...peers
        .map((n) => peerProcessSpec(profiled.cfg, profiled.programs, n, profiled.fabricCfgDir).env)
        .map((env) => {
          expect(env.CORE_PEER_PROFILE_ENABLED).toBe('true');
          return env.CORE_PEER_PROFILE_LISTENADDRESS;
        }),
    ];
    expect(new Set(addresses).size).toBe(orderers.length + peers.length);
    expect(addresses[0]).toBe(`${orderers[0]!.host}:${String(orderers[0]!.profilePort)}`);
  });

  it('runs a chaincode server with a CPU profile written on SIGTERM', () => {
    const node = chaincodeNode(profiled.cfg);
    const spec = chaincodeServerSpec(profiled.cfg, 'cc:1', undefined, node);
    expect(spec.args.slice(0, 5)).toEqual([
      '--cpu-prof',
      '--cpu-prof-dir',
      join('/tmp/profiles', node.name),
      '--require',
      join(profiled.cfg.projectRoot, 'network', 'profiling', 'exit-on-signal.cjs'),
    ]);
  });

  it('keeps the profile dir when moving a config to free ports', async () => {
    const moved = await withFreeBasePort(profiled.cfg);
    expect(moved.profileDir).toBe('/tmp/profiles');
    expect(moved.basePort).not.toBe(profiled.cfg.basePort);
  });
});
