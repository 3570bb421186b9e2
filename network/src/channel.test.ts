import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  heightFromOsnadmin,
  joinOrderers,
  joinPeers,
  ordererHeight,
  osnadminArgs,
  parseBlockchainInfoHeight,
  parseOsnadminOutput,
  parsePeerChannelList,
  peerHeight,
} from './channel';
import { nodeTlsDir, nodeTlsFiles, orgTlsCaFile } from './node-config';
import { ordererNodes, peerNodes } from './topology';
import { fakeNetwork, fakeProgram } from './test-support/fake-network';

describe('osnadmin output', () => {
  it('reads the status and JSON body', () => {
    const out = 'Status: 200\n{\n\t"name": "idcards",\n\t"status": "active",\n\t"height": 12\n}\n\n';
    const answer = parseOsnadminOutput(out);
    expect(answer?.status).toBe(200);
    expect(heightFromOsnadmin(answer)).toBe(12);
  });

  it('reads a 404 answer and gives no height for it', () => {
    const answer = parseOsnadminOutput('Status: 404\n{\n\t"error": "channel not found"\n}\n');
    expect(answer).toEqual({ status: 404, body: { error: 'channel not found' } });
    expect(heightFromOsnadmin(answer)).toBeNull();
  });

  it('gives undefined when osnadmin could not connect', () => {
    expect(parseOsnadminOutput('Error: Post "https://127.0.0.1:1/": connection refused\n')).toBeUndefined();
  });

  it('targets the admin port with the orderer TLS CA and the node TLS pair as client certificate', () => {
    const net = fakeNetwork('raft');
    const node = ordererNodes(net.cfg)[1]!;
    const tls = nodeTlsFiles(node);
    expect(osnadminArgs(net.cfg, node, nodeTlsDir(node), ['list'])).toEqual([
      'channel',
      'list',
      '-o',
      `${node.host}:${node.adminPort}`,
      '--ca-file',
      orgTlsCaFile(net.cfg, 'orderer'),
      '--client-cert',
      tls.cert,
      '--client-key',
      tls.key,
    ]);
  });
});

describe('peer CLI output', () => {
  it('lists joined channels after the header line', () => {
    expect(parsePeerChannelList('Channels peers has joined: \nidcards\nother\n')).toEqual([
      'idcards',
      'other',
    ]);
    expect(parsePeerChannelList('Channels peers has joined: \n')).toEqual([]);
    const logged =
      '2026-01-01 10:00:00.000 UTC 0001 INFO [channelCmd] InitCmdFactory -> Endorser and orderer connections initialized\n';
    expect(parsePeerChannelList(`${logged}Channels peers has joined: \nidcards\n`)).toEqual(['idcards']);
  });

  it('reads the height from getinfo', () => {
    expect(parseBlockchainInfoHeight('Blockchain info: {"height":5,"currentBlockHash":"q83="}\n')).toBe(5);
    expect(parseBlockchainInfoHeight('nothing here')).toBeNull();
  });
});

describe('joining the channel', () => {
  function fakeFabric(dir: string) {
    const osnadmin = fakeProgram(
      dir,
      'osnadmin',
      [
        'prev=""; for a in "$@"; do if [ "$prev" = "-o" ]; then addr=$a; fi; prev=$a; done',
        `f="${dir}/joined-$addr"`,
        `echo "$2 $addr" >> "${dir}/osnadmin.calls"`,
        'case "$2" in',
        '  list) if [ -f "$f" ]; then printf \'Status: 200\\n{"name":"idcards","height":3}\\n\'; else printf \'Status: 404\\n{"error":"not found"}\\n\'; fi ;;',
        '  join) touch "$f"; printf \'Status: 201\\n{"name":"idcards"}\\n\' ;;',
        'esac',
      ].join('\n'),
    );
    const peer = fakeProgram(
      dir,
      'peer',
      [
        `f="${dir}/peer-joined-$CORE_PEER_ADDRESS"`,
        `echo "$1 $2 $CORE_PEER_LOCALMSPID $CORE_PEER_MSPCONFIGPATH" >> "${dir}/peer.calls"`,
        'case "$1 $2" in',
        '  "channel list") echo "Channels peers has joined: "; if [ -f "$f" ]; then echo idcards; fi ;;',
        '  "channel join") touch "$f" ;;',
        '  "channel getinfo") echo \'Blockchain info: {"height":7}\' ;;',
        'esac',
      ].join('\n'),
    );
    return { osnadmin, peer };
  }

  it('joins every orderer once, then finds them joined', async () => {
    const net = fakeNetwork('bft');
    const dir = join(net.cfg.dataDir, 'bin');
    const programs = { ...net.programs, ...fakeFabric(dir) };
    const first = await joinOrderers(net.cfg, programs, net.identities, '/tmp/idcards.block');
    expect(first.map((o) => o.action)).toEqual(['joined', 'joined', 'joined', 'joined']);
    const again = await joinOrderers(net.cfg, programs, net.identities, '/tmp/idcards.block');
    expect(again.every((o) => o.action === 'already-joined')).toBe(true);
    const joins = readFileSync(join(dir, 'osnadmin.calls'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('join'));
    expect(joins).toHaveLength(4);
    expect(await ordererHeight(net.cfg, programs, ordererNodes(net.cfg)[0]!)).toBe(3);
  });

  it('reports an orderer that refuses the join', async () => {
    const net = fakeNetwork('raft');
    const osnadmin = fakeProgram(
      join(net.cfg.dataDir, 'bin'),
      'osnadmin',
      'case "$2" in list) printf "Status: 404\\n{}\\n" ;; join) printf "Status: 400\\n{\\"error\\":\\"bad block\\"}\\n" ;; esac',
    );
    await expect(
      joinOrderers(net.cfg, { ...net.programs, osnadmin }, net.identities, '/tmp/x.block'),
    ).rejects.toMatchObject({ code: 'PROCESS_FAILED' });
  });

  it('joins every peer as its organisation admin once, then finds them joined', async () => {
    const net = fakeNetwork('raft');
    const dir = join(net.cfg.dataDir, 'bin');
    const programs = { ...net.programs, ...fakeFabric(dir) };
    const first = await joinPeers(net.cfg, programs, net.identities, '/tmp/b.block', net.fabricCfgDir);
    expect(first.map((o) => o.action)).toEqual(['joined', 'joined', 'joined']);
    const again = await joinPeers(net.cfg, programs, net.identities, '/tmp/b.block', net.fabricCfgDir);
    expect(again.every((o) => o.action === 'already-joined')).toBe(true);
    const joins = readFileSync(join(dir, 'peer.calls'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('channel join'));
    expect(joins).toEqual([
      `channel join PublicSecurityMSP ${net.identities.admins.get('publicsecurity')!.mspDir}`,
      `channel join BigDataBureauMSP ${net.identities.admins.get('bigdata')!.mspDir}`,
      `channel join RelyingPartyMSP ${net.identities.admins.get('relyingparty')!.mspDir}`,
    ]);
    expect(
      await peerHeight(net.cfg, programs, net.identities, peerNodes(net.cfg)[0]!, net.fabricCfgDir),
    ).toBe(7);
  });
});
