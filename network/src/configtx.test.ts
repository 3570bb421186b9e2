import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CHANNEL_PROFILE, configtxYaml, channelPaths, configtxgenArgs, createGenesisBlock } from './configtx';
import { ORDERING_DEFAULTS } from './config';
import { ordererNodes, peerNodes } from './topology';
import { fakeNetwork, fakeProgram, rawConfig, type FakeNetwork } from './test-support/fake-network';

interface Consenter {
  ID?: number;
  Host: string;
  Port: number;
  MSPID?: string;
  Identity?: string;
  ClientTLSCert: string;
  ServerTLSCert: string;
}
interface Org {
  Name: string;
  ID: string;
  MSPDir: string;
  Policies: Record<string, { Type: string; Rule: string }>;
  AnchorPeers?: { Host: string; Port: number }[];
  OrdererEndpoints?: string[];
}
interface Profile {
  Capabilities: Record<string, boolean>;
  Policies: Record<string, { Type: string; Rule: string }>;
  Orderer: {
    OrdererType: string;
    BatchTimeout: string;
    BatchSize: { MaxMessageCount: number; AbsoluteMaxBytes: number; PreferredMaxBytes: number };
    EtcdRaft?: { Consenters: Consenter[] };
    ConsenterMapping?: Consenter[];
    SmartBFT?: Record<string, unknown>;
    Organizations: Org[];
    Policies: Record<string, { Type: string; Rule: string }>;
    Capabilities: Record<string, boolean>;
    Addresses?: unknown;
  };
  Application: {
    Organizations: Org[];
    Policies: Record<string, { Type: string; Rule: string }>;
    Capabilities: Record<string, boolean>;
  };
}

/** The profile as configtxgen will read it: through the YAML text. */
function profileOf(net: FakeNetwork): Profile {
  const text = configtxYaml(net.cfg, net.identities);
  expect(text).not.toMatch(/[&*]a\d/); // no anchors or aliases
  expect(text).toContain(
    "Rule: OR('PublicSecurityMSP.admin', 'PublicSecurityMSP.peer', 'PublicSecurityMSP.client')",
  );
  const parsed = parse(text) as { Profiles: Record<string, Profile> };
  return parsed.Profiles[CHANNEL_PROFILE]!;
}

describe('configtx for raft', () => {
  const net = fakeNetwork('raft');
  const profile = profileOf(net);

  it('lists the 3 raft consenters at their topology addresses with existing TLS certificates', () => {
    expect(profile.Orderer.OrdererType).toBe('etcdraft');
    const consenters = profile.Orderer.EtcdRaft!.Consenters;
    expect(consenters.map((c) => `${c.Host}:${c.Port}`)).toEqual(
      ordererNodes(net.cfg).map((n) => `${n.host}:${n.port}`),
    );
    for (const c of consenters) {
      expect(c.ClientTLSCert).toMatch(/\/nodes\/orderer\d\.orderer\/tls\/signcerts\/cert\.pem$/);
      expect(existsSync(c.ServerTLSCert)).toBe(true);
    }
    expect(profile.Orderer.ConsenterMapping).toBeUndefined();
  });

  it('puts orderer endpoints on the orderer organisation and no global addresses (V3_0)', () => {
    const [ordererOrg] = profile.Orderer.Organizations;
    expect(ordererOrg!.ID).toBe('OrdererMSP');
    expect(ordererOrg!.OrdererEndpoints).toEqual(ordererNodes(net.cfg).map((n) => `${n.host}:${n.port}`));
    expect(profile.Orderer.Addresses).toBeUndefined();
    expect(existsSync(join(ordererOrg!.MSPDir, 'tlscacerts', 'ca-cert.pem'))).toBe(true);
  });

  it('makes the first peer of each organisation its anchor peer', () => {
    const orgs = profile.Application.Organizations;
    expect(orgs.map((o) => o.ID)).toEqual(['PublicSecurityMSP', 'BigDataBureauMSP', 'RelyingPartyMSP']);
    for (const org of orgs) {
      const first = peerNodes(net.cfg).find((n) => n.mspId === org.ID)!;
      expect(org.AnchorPeers).toEqual([{ Host: first.host, Port: first.port }]);
    }
  });

  it('writes NodeOUs role policies for each peer organisation', () => {
    const ps = profile.Application.Organizations[0]!.Policies;
    expect(ps.Readers).toEqual({
      Type: 'Signature',
      Rule: "OR('PublicSecurityMSP.admin', 'PublicSecurityMSP.peer', 'PublicSecurityMSP.client')",
    });
    expect(ps.Writers!.Rule).toBe("OR('PublicSecurityMSP.admin', 'PublicSecurityMSP.client')");
    expect(ps.Admins!.Rule).toBe("OR('PublicSecurityMSP.admin')");
    expect(ps.Endorsement!.Rule).toBe("OR('PublicSecurityMSP.peer')");
  });

  it('needs both agencies for application admin changes, chaincode definitions and default endorsement', () => {
    const ps = profile.Application.Policies;
    expect(ps.Admins).toEqual({
      Type: 'Signature',
      Rule: "AND('PublicSecurityMSP.admin', 'BigDataBureauMSP.admin')",
    });
    expect(ps.LifecycleEndorsement).toEqual({
      Type: 'Signature',
      Rule: "AND('PublicSecurityMSP.member', 'BigDataBureauMSP.member')",
    });
    expect(ps.Endorsement).toEqual({
      Type: 'Signature',
      Rule: "AND('PublicSecurityMSP.peer', 'BigDataBureauMSP.peer')",
    });
    // The channel's own Admins (MAJORITY of Application and Orderer admins) then needs both agencies too.
    expect(profile.Policies.Admins).toEqual({ Type: 'ImplicitMeta', Rule: 'MAJORITY Admins' });
  });

  it('sets capabilities V3_0 / V2_0 / V2_5 and a BlockValidation policy', () => {
    expect(profile.Capabilities).toEqual({ V3_0: true });
    expect(profile.Orderer.Capabilities).toEqual({ V2_0: true });
    expect(profile.Application.Capabilities).toEqual({ V2_5: true });
    expect(profile.Orderer.Policies.BlockValidation).toEqual({ Type: 'ImplicitMeta', Rule: 'ANY Writers' });
  });

  it('takes block cutting from the defaults when the config has no ordering section', () => {
    const raw = rawConfig();
    delete raw.ordering;
    const bare = fakeNetwork('raft', raw);
    const p = profileOf(bare);
    expect(p.Orderer.BatchTimeout).toBe(ORDERING_DEFAULTS.batchTimeout);
    expect(p.Orderer.BatchSize).toEqual({
      MaxMessageCount: 500,
      AbsoluteMaxBytes: 10 * 1024 * 1024,
      PreferredMaxBytes: 2 * 1024 * 1024,
    });
  });

  it('takes block cutting from the config ordering section', () => {
    const raw = { ...rawConfig(), ordering: { batchTimeout: '1s', maxMessageCount: 50 } };
    const tuned = fakeNetwork('raft', raw);
    const p = profileOf(tuned);
    expect(p.Orderer.BatchTimeout).toBe('1s');
    expect(p.Orderer.BatchSize.MaxMessageCount).toBe(50);
  });
});

describe('configtx for BFT', () => {
  const net = fakeNetwork('bft');
  const profile = profileOf(net);

  it('maps 4 consenters with IDs 1..4, enrolment identity and TLS certificates', () => {
    expect(profile.Orderer.OrdererType).toBe('BFT');
    const mapping = profile.Orderer.ConsenterMapping!;
    expect(mapping.map((c) => c.ID)).toEqual([1, 2, 3, 4]);
    const nodes = ordererNodes(net.cfg);
    mapping.forEach((c, i) => {
      expect(c.Host).toBe(nodes[i]!.host);
      expect(c.Port).toBe(nodes[i]!.port);
      expect(c.MSPID).toBe('OrdererMSP');
      expect(c.Identity).toBe(join(nodes[i]!.home, 'msp', 'signcerts', 'cert.pem'));
      expect(c.ClientTLSCert).toBe(join(nodes[i]!.home, 'tls', 'signcerts', 'cert.pem'));
      expect(existsSync(c.Identity!)).toBe(true);
    });
    expect(profile.Orderer.EtcdRaft).toBeUndefined();
  });

  it('keeps SmartBFT batching in step with the block-cutting tunables', () => {
    expect(profile.Orderer.SmartBFT).toMatchObject({
      RequestBatchMaxCount: 500,
      RequestBatchMaxBytes: 10 * 1024 * 1024,
      RequestBatchMaxInterval: '250ms',
    });
    expect(profile.Orderer.Policies.BlockValidation).toBeDefined();
    expect(profile.Capabilities).toEqual({ V3_0: true });
  });
});

describe('genesis block', () => {
  it('runs configtxgen with the profile, channel and output block', () => {
    const net = fakeNetwork('raft');
    const p = channelPaths(net.cfg);
    expect(configtxgenArgs(net.cfg)).toEqual([
      '-configPath',
      p.configtxDir,
      '-profile',
      CHANNEL_PROFILE,
      '-outputBlock',
      p.block,
      '-channelID',
      'idcards',
    ]);
  });

  it('writes configtx.yaml and the block through configtxgen', async () => {
    const net = fakeNetwork('raft');
    // Stand-in configtxgen: writes the file named after -outputBlock.
    const configtxgen = fakeProgram(
      join(net.cfg.dataDir, 'bin'),
      'configtxgen',
      'while [ $# -gt 0 ]; do if [ "$1" = -outputBlock ]; then echo block > "$2"; fi; shift; done',
    );
    const block = await createGenesisBlock(net.cfg, { ...net.programs, configtxgen }, net.identities);
    expect(block).toBe(channelPaths(net.cfg).block);
    expect(readFileSync(block, 'utf8')).toBe('block\n');
    const written = parse(readFileSync(channelPaths(net.cfg).configtx, 'utf8')) as {
      Profiles: Record<string, unknown>;
    };
    expect(Object.keys(written.Profiles)).toEqual([CHANNEL_PROFILE]);
  });

  it('never recreates an existing block (re-running up keeps the channel)', async () => {
    const net = fakeNetwork('raft');
    const p = channelPaths(net.cfg);
    mkdirSync(p.configtxDir, { recursive: true });
    writeFileSync(p.block, 'existing');
    const programs = { ...net.programs, configtxgen: '/nonexistent/configtxgen' };
    await expect(createGenesisBlock(net.cfg, programs, net.identities)).resolves.toBe(p.block);
    expect(readFileSync(p.block, 'utf8')).toBe('existing');
  });

  it('reports a configtxgen failure as PROCESS_FAILED', async () => {
    const net = fakeNetwork('raft');
    const configtxgen = fakeProgram(
      join(net.cfg.dataDir, 'bin'),
      'configtxgen',
      'echo "bad profile" >&2; exit 1',
    );
    await expect(
      createGenesisBlock(net.cfg, { ...net.programs, configtxgen }, net.identities),
    ).rejects.toMatchObject({ code: 'PROCESS_FAILED' });
  });
});
