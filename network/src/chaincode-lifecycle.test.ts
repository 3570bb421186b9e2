import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageCcaas, packageId } from './ccaas-package';
import { approveArgs, commitArgs, deployChaincode } from './chaincode-lifecycle';
import { orgTlsCaFile } from './node-config';
import { ordererNodes, peerNodes } from './topology';
import { fakeNetwork, fakeProgram } from './test-support/fake-network';

describe('lifecycle commands', () => {
  const net = fakeNetwork('raft');
  const def = { sequence: 2, version: '1.1' };
  const ordererCa = orgTlsCaFile(net.cfg, 'orderer');
  const firstOrderer = ordererNodes(net.cfg)[0]!;

  it('approves with the configured signature policy, sequence and package id through an orderer over TLS', () => {
    const args = approveArgs(net.cfg, def, 'idcard_1:abc');
    expect(args.slice(0, 3)).toEqual(['lifecycle', 'chaincode', 'approveformyorg']);
    const flag = (f: string): string | undefined => args[args.indexOf(f) + 1];
    expect(flag('--signature-policy')).toBe(net.cfg.chaincode.endorsementPolicy);
    expect(flag('--sequence')).toBe('2');
    expect(flag('--version')).toBe('1.1');
    expect(flag('--package-id')).toBe('idcard_1:abc');
    expect(flag('--channelID')).toBe('idcards');
    expect(flag('--name')).toBe('idcard');
    expect(flag('-o')).toBe(`${firstOrderer.host}:${firstOrderer.port}`);
    expect(flag('--cafile')).toBe(ordererCa);
    expect(args).toContain('--tls');
  });

  it('commits with a peer of every organisation and its TLS root', () => {
    const args = commitArgs(net.cfg, def);
    const peers = args.flatMap((a, i) => (a === '--peerAddresses' ? [args[i + 1]] : []));
    const roots = args.flatMap((a, i) => (a === '--tlsRootCertFiles' ? [args[i + 1]] : []));
    expect(peers).toEqual(peerNodes(net.cfg).map((p) => `${p.host}:${p.port}`));
    expect(roots).toEqual(peerNodes(net.cfg).map((p) => orgTlsCaFile(net.cfg, p.org)));
    expect(args[args.indexOf('--signature-policy') + 1]).toBe(net.cfg.chaincode.endorsementPolicy);
  });
});

/** A stand-in `peer` CLI keeping lifecycle state in files, enough to exercise the deploy decisions. */
function fakeLifecyclePeer(dir: string, pkgId: string): string {
  return fakeProgram(
    dir,
    'peer',
    [
      `S="${dir}"`,
      'seq=""; ver=""; pkg=""; prev=""',
      'for a in "$@"; do case "$prev" in --sequence) seq=$a;; --version) ver=$a;; --package-id) pkg=$a;; esac; prev=$a; done',
      'echo "$3 $CORE_PEER_LOCALMSPID" >> "$S/calls"',
      'inst="$S/inst-$CORE_PEER_ADDRESS"',
      'case "$3" in',
      `  queryinstalled) if [ -f "$inst" ]; then printf '{"installed_chaincodes":[{"package_id":"%s"}]}\\n' "$(cat "$inst")"; else echo '{}'; fi ;;`,
      `  install) printf '%s' "${pkgId}" > "$inst" ;;`,
      `  querycommitted) if [ -f "$S/committed" ]; then read s v p < "$S/committed"; printf '{"sequence":%s,"version":"%s"}\\n' "$s" "$v"; else echo 'Error: query failed with status: 404 - namespace idcard is not defined' >&2; exit 1; fi ;;`,
      `  queryapproved) read s v p < "$S/committed"; printf '{"source":{"Type":{"LocalPackage":{"package_id":"%s"}}}}\\n' "$p" ;;`,
      '  approveformyorg) echo "$seq $ver" > "$S/appr-$CORE_PEER_LOCALMSPID"; echo "$pkg" > "$S/approved-pkg" ;;',
      '  checkcommitreadiness) out=""; for m in PublicSecurityMSP BigDataBureauMSP RelyingPartyMSP; do b=false; if [ "$(cat "$S/appr-$m" 2>/dev/null)" = "$seq $ver" ]; then b=true; fi; out="$out\\"$m\\":$b,"; done; printf \'{"approvals":{%s}}\\n\' "${out%,}" ;;',
      '  commit) echo "$seq $ver $(cat "$S/approved-pkg")" > "$S/committed" ;;',
      'esac',
    ].join('\n'),
  );
}

describe('deployChaincode', () => {
  it('installs, approves and commits once; a second deploy changes nothing; a new version upgrades', async () => {
    const net = fakeNetwork('raft');
    const file = await packageCcaas(net.cfg, 'idcard_1');
    const pkgId = packageId('idcard_1', file);
    const dir = join(net.cfg.dataDir, 'fake-peer');
    const programs = { ...net.programs, peer: fakeLifecyclePeer(dir, pkgId) };
    const calls = (): string[] => readFileSync(join(dir, 'calls'), 'utf8').split('\n').filter(Boolean);
    const deploy = (version: string) =>
      deployChaincode(net.cfg, programs, net.identities, net.fabricCfgDir, {
        version,
        label: 'idcard_1',
        packageFile: file,
      });

    expect(await deploy('1')).toEqual({ packageId: pkgId, sequence: 1, version: '1' });
    expect(calls().filter((c) => c.startsWith('install'))).toHaveLength(3);
    expect(calls().filter((c) => c.startsWith('approveformyorg'))).toEqual([
      'approveformyorg PublicSecurityMSP',
      'approveformyorg BigDataBureauMSP',
      'approveformyorg RelyingPartyMSP',
    ]);
    expect(calls().filter((c) => c.startsWith('commit'))).toHaveLength(1);

    const before = calls().length;
    expect(await deploy('1')).toEqual({ packageId: pkgId, sequence: 1, version: '1' });
    const second = calls().slice(before);
    expect(second.filter((c) => /^(install|approveformyorg|commit) /.test(c))).toEqual([]);

    expect(await deploy('2')).toEqual({ packageId: pkgId, sequence: 2, version: '2' });
    expect(readFileSync(join(dir, 'committed'), 'utf8').trim()).toBe(`2 2 ${pkgId}`);
  });
});
