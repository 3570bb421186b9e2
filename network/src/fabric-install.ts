/**
 * Finds Fabric programs installed the way Fabric users install them, before
 * anything is built: a release folder named by `FABRIC_HOME` (`bin/`,
 * `config/`, `builders/ccaas/bin/`, the layout of Hyperledger's release
 * archive), else the programs on `PATH` with their configuration in
 * `FABRIC_CFG_PATH`, `<bin>/../config` or `/etc/hyperledger/fabric`. Every
 * program found is asked its version, which must match the pinned
 * major.minor; a partial or mismatched installation is an error naming the
 * program, its path and its version, never a silent fallback.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { NetworkError } from '@idcard/ca-client';

/** The Fabric programs the network runs, by name. */
export const FABRIC_PROGRAM_NAMES = ['peer', 'orderer', 'configtxgen', 'configtxlator', 'osnadmin'] as const;

/** One of the Fabric programs. */
export type FabricProgramName = (typeof FABRIC_PROGRAM_NAMES)[number];

/** The sample configuration files every node reads before its environment overrides. */
export const FABRIC_CONFIG_FILES: readonly string[] = ['core.yaml', 'orderer.yaml'];

/** Where Fabric's container images keep their configuration, and where users copy it. */
export const SYSTEM_FABRIC_CONFIG_DIR = '/etc/hyperledger/fabric';

/** A pre-installed Fabric. */
export interface InstalledFabric {
  /** How it was found. */
  readonly source: 'FABRIC_HOME' | 'PATH';
  /** One line for operators: where the programs, config and builder come from. */
  readonly description: string;
  readonly version: string;
  readonly programs: Readonly<Record<FabricProgramName, string>>;
  /** Folder holding core.yaml and orderer.yaml. */
  readonly configDir: string;
  /** Folder holding `bin/{detect,build,release}` of the ccaas external builder. */
  readonly ccaasBuilderDir: string;
}

/** What the search reads from its surroundings (the process's, by default). */
export type FabricSearchEnv = Readonly<NodeJS.ProcessEnv> & {
  /** Read: FABRIC_HOME, FABRIC_CFG_PATH, PATH. */
  readonly FABRIC_HOME?: string;
  /** Defaults to /etc/hyperledger/fabric; tests point it elsewhere. */
  readonly systemConfigDir?: string;
};

/** Asks a program its version: the text it prints, or undefined when it cannot be run. */
export type VersionProbe = (program: FabricProgramName, path: string) => string | undefined;

const VERSION_ARGS: Readonly<Record<FabricProgramName, readonly string[]>> = {
  peer: ['version'],
  orderer: ['version'],
  configtxgen: ['--version'],
  configtxlator: ['version'],
  // osnadmin 3.1 prints no version (no version command or flag): it must run, beside a peer of the right version.
  osnadmin: ['--help'],
};

/** Programs that cannot tell their version; accepted when they run. */
const VERSIONLESS: ReadonlySet<FabricProgramName> = new Set(['osnadmin']);

const probed = new Map<string, string | undefined>();

/** Runs `<program> version` (memoised per file and modification time: status asks often). */
export const runVersionProbe: VersionProbe = (program, path) => {
  const st = statSync(path);
  const key = `${path}|${String(st.mtimeMs)}|${String(st.size)}`;
  if (probed.has(key)) return probed.get(key);
  const res = spawnSync(path, [...VERSION_ARGS[program]], { encoding: 'utf8', timeout: 20_000 });
  const text = res.error === undefined && res.status === 0 ? `${res.stdout}\n${res.stderr}` : undefined;
  probed.set(key, text);
  return text;
};

/** The `x.y.z` version a Fabric program prints (`Version: v3.1.5`, `3.1.5`), or undefined. */
export function parseFabricVersion(text: string): string | undefined {
  return /Version:\s*v?(\d+\.\d+\.\d+)/i.exec(text)?.[1] ?? /\bv?(\d+\.\d+\.\d+)\b/.exec(text)?.[1];
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string, pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = resolve(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

const hasConfig = (dir: string): boolean => FABRIC_CONFIG_FILES.every((f) => existsSync(join(dir, f)));
const hasBuilder = (dir: string): boolean =>
  ['detect', 'build', 'release'].every((b) => isExecutable(join(dir, 'bin', b)));

function checkVersions(
  programs: Record<FabricProgramName, string>,
  wanted: string,
  probe: VersionProbe,
): string {
  const [major, minor] = wanted.split('.');
  let found = wanted;
  for (const name of FABRIC_PROGRAM_NAMES) {
    const path = programs[name];
    const text = probe(name, path);
    if (VERSIONLESS.has(name) && text !== undefined) continue;
    const version = text === undefined ? undefined : parseFabricVersion(text);
    if (version === undefined) {
      throw new NetworkError(
        'FABRIC_VERSION_MISMATCH',
        `${name} at ${path} did not tell its version; Fabric ${String(major)}.${String(minor)}.x is needed`,
        text === undefined ? ['it could not be run'] : text.trim().split('\n').slice(0, 4),
      );
    }
    const [m, n] = version.split('.');
    if (m !== major || n !== minor) {
      throw new NetworkError(
        'FABRIC_VERSION_MISMATCH',
        `${name} at ${path} is Fabric ${version}; this network needs ${String(major)}.${String(minor)}.x (fabric.version ${wanted} in the network config)`,
      );
    }
    if (name === 'peer') found = version;
  }
  return found;
}

function fromReleaseFolder(home: string, projectBuilderDir: string): Omit<InstalledFabric, 'version'> {
  const programs = {} as Record<FabricProgramName, string>;
  const missing: string[] = [];
  for (const name of FABRIC_PROGRAM_NAMES) {
    programs[name] = join(home, 'bin', name);
    if (!isExecutable(programs[name])) missing.push(programs[name]);
  }
  const configDir = join(home, 'config');
  if (!hasConfig(configDir)) missing.push(...FABRIC_CONFIG_FILES.map((f) => join(configDir, f)));
  if (missing.length > 0) {
    throw new NetworkError(
      'FABRIC_INSTALL_INCOMPLETE',
      `FABRIC_HOME=${home} is not a complete Fabric release folder (bin/, config/)`,
      missing.map((m) => `missing: ${m}`),
    );
  }
  const releaseBuilder = join(home, 'builders', 'ccaas');
  const ccaasBuilderDir = hasBuilder(releaseBuilder) ? releaseBuilder : projectBuilderDir;
  return {
    source: 'FABRIC_HOME',
    description: `release folder ${home} (FABRIC_HOME); ccaas builder ${ccaasBuilderDir}`,
    programs,
    configDir,
    ccaasBuilderDir,
  };
}

function fromPath(
  env: FabricSearchEnv,
  projectBuilderDir: string,
): Omit<InstalledFabric, 'version'> | undefined {
  const peer = onPath('peer', env.PATH);
  if (peer === undefined) return undefined;
  const programs = {} as Record<FabricProgramName, string>;
  const missing: string[] = [];
  for (const name of FABRIC_PROGRAM_NAMES) {
    const found = onPath(name, env.PATH);
    if (found === undefined) missing.push(name);
    else programs[name] = found;
  }
  if (missing.length > 0) {
    throw new NetworkError(
      'FABRIC_INSTALL_INCOMPLETE',
      `peer is on PATH (${peer}) but not ${missing.join(', ')}: install every program of the Fabric release, or set FABRIC_HOME to a release folder`,
    );
  }
  const binDir = dirname(peer);
  const candidates = [
    ...(env.FABRIC_CFG_PATH ? [env.FABRIC_CFG_PATH] : []),
    join(binDir, '..', 'config'),
    env.systemConfigDir ?? SYSTEM_FABRIC_CONFIG_DIR,
  ].map((d) => resolve(d));
  const configDir = candidates.find(hasConfig);
  if (configDir === undefined) {
    throw new NetworkError(
      'FABRIC_CONFIG_MISSING',
      `Fabric programs are on PATH (${binDir}) but core.yaml and orderer.yaml were not found`,
      candidates.map((c) => `looked in: ${c}`),
    );
  }
  const releaseBuilder = resolve(binDir, '..', 'builders', 'ccaas');
  const ccaasBuilderDir = hasBuilder(releaseBuilder) ? releaseBuilder : projectBuilderDir;
  return {
    source: 'PATH',
    description: `programs on PATH in ${binDir}; config ${configDir}; ccaas builder ${ccaasBuilderDir}`,
    programs,
    configDir,
    ccaasBuilderDir,
  };
}

/**
 * The pre-installed Fabric, or undefined when none is installed (then the
 * caller builds it from the Go module).
 * @throws NetworkError FABRIC_INSTALL_INCOMPLETE, FABRIC_CONFIG_MISSING or FABRIC_VERSION_MISMATCH when one is found but unusable
 */
export function findInstalledFabric(
  wantedVersion: string,
  projectBuilderDir: string,
  env: FabricSearchEnv = process.env,
  probe: VersionProbe = runVersionProbe,
): InstalledFabric | undefined {
  const home = env.FABRIC_HOME;
  const found =
    home !== undefined && home !== ''
      ? fromReleaseFolder(resolve(home), projectBuilderDir)
      : fromPath(env, projectBuilderDir);
  if (found === undefined) return undefined;
  return { ...found, version: checkVersions({ ...found.programs }, wantedVersion, probe) };
}
