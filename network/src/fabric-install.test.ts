import { chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isNetworkError } from '@idcard/ca-client';
import {
  FABRIC_PROGRAM_NAMES,
  findInstalledFabric,
  parseFabricVersion,
  runVersionProbe,
  type FabricSearchEnv,
} from './fabric-install';

/** Writes an executable shell script that prints what a Fabric program of `version` prints. */
function fakeProgram(dir: string, name: string, version: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  const body =
    name === 'osnadmin'
      ? 'echo "usage: osnadmin --orderer-address=ORDERER-ADDRESS"'
      : `printf '${name}:\\n Version: ${version}\\n Commit SHA: 0000000\\n'`;
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

function fakeRelease(root: string, version = '3.1.5', opts: { builder?: boolean; config?: boolean } = {}) {
  for (const name of FABRIC_PROGRAM_NAMES) fakeProgram(join(root, 'bin'), name, version);
  if (opts.config !== false) {
    mkdirSync(join(root, 'config'), { recursive: true });
    writeFileSync(join(root, 'config', 'core.yaml'), 'peer: {}\n');
    writeFileSync(join(root, 'config', 'orderer.yaml'), 'General: {}\n');
  }
  if (opts.builder === true) {
    for (const b of ['detect', 'build', 'release'])
      fakeProgram(join(root, 'builders', 'ccaas', 'bin'), b, '0');
  }
  return root;
}

const PROJECT_BUILDER = '/project/network/builders/ccaas';

describe('findInstalledFabric', () => {
  let dir: string;
  const noSystem = (): string => join(dir, 'no-etc');
  const search = (env: FabricSearchEnv) =>
    findInstalledFabric('3.1.5', PROJECT_BUILDER, { systemConfigDir: noSystem(), ...env });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fabric-install-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a release folder named by FABRIC_HOME, with its own ccaas builder', () => {
    const home = fakeRelease(join(dir, 'fabric'), '3.1.5', { builder: true });
    const found = search({ FABRIC_HOME: home, PATH: '' });
    expect(found).toMatchObject({
      source: 'FABRIC_HOME',
      version: '3.1.5',
      configDir: join(home, 'config'),
      ccaasBuilderDir: join(home, 'builders', 'ccaas'),
    });
    expect(found?.programs.peer).toBe(join(home, 'bin', 'peer'));
  });

  it("uses the project's own ccaas builder when the release folder has none", () => {
    const home = fakeRelease(join(dir, 'fabric'));
    expect(search({ FABRIC_HOME: home })?.ccaasBuilderDir).toBe(PROJECT_BUILDER);
  });

  it('prefers FABRIC_HOME over programs on PATH', () => {
    const home = fakeRelease(join(dir, 'home'));
    const other = fakeRelease(join(dir, 'other'));
    expect(search({ FABRIC_HOME: home, PATH: join(other, 'bin') })?.programs.orderer).toBe(
      join(home, 'bin', 'orderer'),
    );
  });

  it('names every missing file of an incomplete FABRIC_HOME instead of falling back', () => {
    const home = fakeRelease(join(dir, 'fabric'), '3.1.5', { config: false });
    rmSync(join(home, 'bin', 'osnadmin'));
    let caught: unknown;
    try {
      search({ FABRIC_HOME: home });
    } catch (err) {
      caught = err;
    }
    expect(isNetworkError(caught, 'FABRIC_INSTALL_INCOMPLETE')).toBe(true);
    const details = (caught as { details: string[] }).details.join('\n');
    expect(details).toContain(join(home, 'bin', 'osnadmin'));
    expect(details).toContain(join(home, 'config', 'core.yaml'));
  });

  it('finds programs on PATH with their config in FABRIC_CFG_PATH', () => {
    const bin = join(dir, 'usr', 'bin');
    for (const name of FABRIC_PROGRAM_NAMES) fakeProgram(bin, name, '3.1.2');
    const cfgDir = fakeRelease(join(dir, 'cfg')); // only its config/ is used
    const found = search({ PATH: `/nonexistent:${bin}`, FABRIC_CFG_PATH: join(cfgDir, 'config') });
    expect(found).toMatchObject({ source: 'PATH', version: '3.1.2', configDir: join(cfgDir, 'config') });
    expect(found?.ccaasBuilderDir).toBe(PROJECT_BUILDER);
  });

  it('finds the config beside the bin folder, then in the system folder', () => {
    const release = fakeRelease(join(dir, 'opt', 'fabric'), '3.1.5', { builder: true });
    const beside = search({ PATH: join(release, 'bin') });
    expect(beside?.configDir).toBe(join(release, 'config'));
    expect(beside?.ccaasBuilderDir).toBe(join(release, 'builders', 'ccaas'));

    const bin = join(dir, 'local', 'bin');
    for (const name of FABRIC_PROGRAM_NAMES) fakeProgram(bin, name, '3.1.5');
    const etc = join(dir, 'etc-hyperledger-fabric');
    mkdirSync(etc);
    writeFileSync(join(etc, 'core.yaml'), '');
    writeFileSync(join(etc, 'orderer.yaml'), '');
    expect(
      findInstalledFabric('3.1.5', PROJECT_BUILDER, { PATH: bin, systemConfigDir: etc })?.configDir,
    ).toBe(etc);
  });

  it('says where it looked when programs are on PATH but no config is found', () => {
    const bin = join(dir, 'bin');
    for (const name of FABRIC_PROGRAM_NAMES) fakeProgram(bin, name, '3.1.5');
    expect(() => search({ PATH: bin })).toThrow(/core.yaml and orderer.yaml were not found/);
  });

  it('names the programs missing beside a peer on PATH', () => {
    const bin = join(dir, 'bin');
    fakeProgram(bin, 'peer', '3.1.5');
    fakeProgram(bin, 'orderer', '3.1.5');
    expect(() => search({ PATH: bin })).toThrow(/not configtxgen, configtxlator, osnadmin/);
  });

  it('refuses a program of another minor version, naming it, its path and its version', () => {
    const home = fakeRelease(join(dir, 'fabric'));
    fakeProgram(join(home, 'bin'), 'orderer', '2.5.9');
    expect(() => search({ FABRIC_HOME: home })).toThrow(
      `orderer at ${join(home, 'bin', 'orderer')} is Fabric 2.5.9; this network needs 3.1.x`,
    );
  });

  it('refuses a program that does not run', () => {
    const home = fakeRelease(join(dir, 'fabric'));
    writeFileSync(join(home, 'bin', 'configtxgen'), '#!/bin/sh\nexit 3\n');
    expect(() => search({ FABRIC_HOME: home })).toThrow(/configtxgen at .* did not tell its version/);
  });

  it('answers undefined when nothing is installed, so the caller builds', () => {
    expect(search({ PATH: join(dir, 'empty') })).toBeUndefined();
  });
});

describe('parseFabricVersion', () => {
  it('reads what Fabric 3.1 programs print', () => {
    expect(parseFabricVersion('peer:\n Version: 3.1.5\n Commit SHA: 86c1172\n Go version: go1.26.8')).toBe(
      '3.1.5',
    );
    expect(parseFabricVersion('Version: v2.5.10')).toBe('2.5.10');
    expect(parseFabricVersion('no version here')).toBeUndefined();
  });

  it('asks a program once per file state, and again when the file changes', () => {
    const d = mkdtempSync(join(tmpdir(), 'fabric-probe-'));
    const path = fakeProgram(d, 'peer', '3.1.5');
    const mtime = new Date('2026-06-18T07:48:16Z');
    utimesSync(path, mtime, mtime);
    expect(runVersionProbe('peer', path)).toContain('Version: 3.1.5');
    fakeProgram(d, 'peer', '3.1.6'); // same size; put the old time back: the memo answers
    utimesSync(path, mtime, mtime);
    expect(runVersionProbe('peer', path)).toContain('Version: 3.1.5');
    utimesSync(path, new Date(mtime.getTime() + 5000), new Date(mtime.getTime() + 5000));
    expect(runVersionProbe('peer', path)).toContain('Version: 3.1.6');
    rmSync(d, { recursive: true, force: true });
  });
});
