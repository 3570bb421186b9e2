/**
 * The Fabric and Fabric CA programs: Fabric is taken pre-installed when it
 * is (FABRIC_HOME, PATH: fabric-install.ts), else, like Fabric CA, built
 * from its Go module with the ordinary `go` client into an ignored folder
 * of the project. Each built set is rebuilt only when it is missing or its
 * pins (go.mod, go.sum, versions) change, recorded in a stamp file.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedConfig } from './config';
import { NetworkError, runCommand } from '@idcard/ca-client';
import { findInstalledFabric, type FabricSearchEnv, type InstalledFabric } from './fabric-install';
import { checkGo } from './go-toolchain';

/** One program: the Go package it is built from and how. */
interface ProgramSpec {
  readonly name: string;
  readonly pkg: string;
  readonly cgo: boolean;
  readonly tags?: string;
  /** Sub-folder of the set's folder the binary goes to (the ccaas builder wants `<dir>/bin`). */
  readonly subdir: string;
}

/** A set of programs built from one pinned Go module folder under network/fabric-build. */
interface ProgramSet {
  readonly id: 'fabric' | 'fabric-ca';
  readonly buildDir: string;
  readonly version: string;
  readonly programs: readonly ProgramSpec[];
  readonly ldflags?: string;
  readonly modFlag: string;
}

/** Where the built programs of a config live. */
export interface FabricPrograms {
  readonly peer: string;
  readonly orderer: string;
  readonly configtxgen: string;
  readonly configtxlator: string;
  readonly osnadmin: string;
  /** Folder holding `bin/{build,detect,release}` of the ccaas external builder. */
  readonly ccaasBuilderDir: string;
  readonly caServer: string;
  readonly caClient: string;
  /** Where Fabric comes from, for operators (release folder, PATH, or the project's Go module build). */
  readonly fabricSource: string;
  /** Folder holding core.yaml and orderer.yaml of a pre-installed Fabric (undefined: take them from the Go module). */
  readonly configDir?: string;
}

function programSets(cfg: ResolvedConfig): ProgramSet[] {
  const buildRoot = join(cfg.projectRoot, 'network', 'fabric-build');
  const fabricPkg = cfg.fabric.module;
  return [
    {
      id: 'fabric-ca',
      buildDir: join(buildRoot, 'ca'),
      version: cfg.fabric.caVersion,
      modFlag: '-mod=readonly',
      programs: [
        {
          name: 'fabric-ca-server',
          pkg: 'github.com/hyperledger/fabric-ca/cmd/fabric-ca-server',
          cgo: true,
          subdir: 'bin',
        },
        {
          name: 'fabric-ca-client',
          pkg: 'github.com/hyperledger/fabric-ca/cmd/fabric-ca-client',
          cgo: false,
          tags: 'caclient',
          subdir: 'bin',
        },
      ],
    },
    {
      id: 'fabric',
      buildDir: join(buildRoot, 'fabric'),
      version: cfg.fabric.version,
      // go.sum is completed on first download (the proxy also serves the checksum database).
      modFlag: '-mod=mod',
      ldflags: `-X ${fabricPkg}/common/metadata.Version=${cfg.fabric.version}`,
      programs: [
        ...['peer', 'orderer', 'configtxgen', 'configtxlator', 'osnadmin'].map((name) => ({
          name,
          pkg: `${fabricPkg}/cmd/${name}`,
          cgo: false,
          subdir: 'bin',
        })),
        ...['build', 'detect', 'release'].map((name) => ({
          name,
          pkg: `${fabricPkg}/ccaas_builder/cmd/${name}`,
          cgo: false,
          subdir: join('builders', 'ccaas', 'bin'),
        })),
      ],
    },
  ];
}

function setDir(cfg: ResolvedConfig, set: ProgramSet): string {
  return join(cfg.programsDir, `${set.id}-${set.version}`);
}

function stampOf(set: ProgramSet, goVersion: string): string {
  const h = createHash('sha256');
  for (const f of ['go.mod', 'go.sum']) {
    const p = join(set.buildDir, f);
    h.update(f).update(existsSync(p) ? readFileSync(p) : '');
  }
  h.update(set.version)
    .update(set.ldflags ?? '')
    .update(goVersion);
  for (const p of set.programs) h.update(`${p.pkg}|${String(p.cgo)}|${p.tags ?? ''}|${p.subdir}`);
  return h.digest('hex');
}

/** The project's own ccaas external builder, for a Fabric on PATH without a release folder's builder. */
export function projectCcaasBuilderDir(cfg: ResolvedConfig): string {
  return join(cfg.projectRoot, 'network', 'builders', 'ccaas');
}

/**
 * The pre-installed Fabric for a config, or undefined when there is none.
 * @throws NetworkError FABRIC_INSTALL_INCOMPLETE, FABRIC_CONFIG_MISSING or FABRIC_VERSION_MISMATCH
 */
export function installedFabric(
  cfg: ResolvedConfig,
  env: FabricSearchEnv = process.env,
): InstalledFabric | undefined {
  return findInstalledFabric(cfg.fabric.version, projectCcaasBuilderDir(cfg), env);
}

/**
 * Paths of the programs for a config: a pre-installed Fabric's, else where
 * the project builds them (whether or not they are built yet).
 * @throws NetworkError when a pre-installed Fabric is unusable (see installedFabric)
 */
export function programPaths(cfg: ResolvedConfig, env: FabricSearchEnv = process.env): FabricPrograms {
  const [ca, fabric] = programSets(cfg) as [ProgramSet, ProgramSet];
  const caDir = setDir(cfg, ca);
  const caPrograms = {
    caServer: join(caDir, 'bin', 'fabric-ca-server'),
    caClient: join(caDir, 'bin', 'fabric-ca-client'),
  };
  const installed = installedFabric(cfg, env);
  if (installed !== undefined) {
    return {
      ...installed.programs,
      ccaasBuilderDir: installed.ccaasBuilderDir,
      ...caPrograms,
      fabricSource: `Fabric ${installed.version}: ${installed.description}`,
      configDir: installed.configDir,
    };
  }
  const fab = setDir(cfg, fabric);
  return {
    peer: join(fab, 'bin', 'peer'),
    orderer: join(fab, 'bin', 'orderer'),
    configtxgen: join(fab, 'bin', 'configtxgen'),
    configtxlator: join(fab, 'bin', 'configtxlator'),
    osnadmin: join(fab, 'bin', 'osnadmin'),
    ccaasBuilderDir: join(fab, 'builders', 'ccaas'),
    ...caPrograms,
    fabricSource: `Fabric ${cfg.fabric.version}: built from the Go module ${cfg.fabric.module}@${cfg.fabric.moduleVersion} into ${fab}`,
  };
}

/** Progress reporter: one line per step. */
export type Progress = (line: string) => void;

/** Which program sets to make sure of. */
export type ProgramSetId = ProgramSet['id'];

/**
 * Makes sure the programs of the given sets are there for the pinned
 * versions: a pre-installed Fabric is used as it is (nothing downloaded);
 * otherwise what is missing or stale is built.
 * @throws NetworkError FABRIC_INSTALL_INCOMPLETE, FABRIC_CONFIG_MISSING, FABRIC_VERSION_MISMATCH (a pre-installed Fabric is unusable), GO_MISSING, GO_TOO_OLD, MODULE_UNAVAILABLE (the proxy refuses a pinned module) or BUILD_FAILED.
 */
export async function ensurePrograms(
  cfg: ResolvedConfig,
  progress: Progress,
  which: readonly ProgramSetId[] = ['fabric-ca', 'fabric'],
): Promise<FabricPrograms> {
  let sets = programSets(cfg).filter((s) => which.includes(s.id));
  if (which.includes('fabric')) {
    const installed = installedFabric(cfg);
    if (installed !== undefined) {
      progress(`fabric ${installed.version}: pre-installed, ${installed.description}`);
      sets = sets.filter((s) => s.id !== 'fabric');
    }
  }
  if (sets.length === 0) return programPaths(cfg);
  const goVersion = await checkGo(cfg.fabric.minGoVersion);
  for (const set of sets) {
    const dir = setDir(cfg, set);
    const stampFile = join(dir, '.stamp');
    const stamp = stampOf(set, goVersion);
    const complete = set.programs.every((p) => existsSync(join(dir, p.subdir, p.name)));
    if (complete && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
      progress(`${set.id} ${set.version}: up to date in ${dir}`);
      continue;
    }
    await buildSet(cfg, set, dir, progress);
    writeFileSync(`${stampFile}.tmp`, stamp);
    renameSync(`${stampFile}.tmp`, stampFile);
  }
  return programPaths(cfg);
}

async function buildSet(
  cfg: ResolvedConfig,
  set: ProgramSet,
  dir: string,
  progress: Progress,
): Promise<void> {
  const started = Date.now();
  progress(
    `${set.id} ${set.version}: building ${set.programs.length} programs into ${dir} (first build takes minutes)`,
  );
  for (const [i, p] of set.programs.entries()) {
    const out = join(dir, p.subdir);
    mkdirSync(out, { recursive: true });
    const t0 = Date.now();
    progress(`  [${i + 1}/${set.programs.length}] ${p.name} ...`);
    const args = ['build', set.modFlag, '-trimpath', '-o', join(out, p.name)];
    if (p.tags) args.push('-tags', p.tags);
    if (set.ldflags) args.push('-ldflags', set.ldflags);
    args.push(p.pkg);
    const res = await runCommand('go', args, {
      cwd: set.buildDir,
      env: { ...process.env, CGO_ENABLED: p.cgo ? '1' : '0', GOFLAGS: '' },
    });
    if (res.code !== 0) throw buildError(cfg, set, p, res.stderr);
    progress(
      `  [${i + 1}/${set.programs.length}] ${p.name} built in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  progress(`${set.id} ${set.version}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function buildError(cfg: ResolvedConfig, set: ProgramSet, p: ProgramSpec, stderr: string): NetworkError {
  const lines = stderr.trim().split('\n').slice(-6);
  if (/403 Forbidden|not available|410 Gone/.test(stderr)) {
    const refused = /reading (https:\/\/\S+?):?\s/.exec(stderr)?.[1] ?? 'the Go module proxy';
    return new NetworkError(
      'MODULE_UNAVAILABLE',
      `cannot build ${p.name}: the Go module proxy refuses a pinned module (${refused}). ` +
        `${set.id === 'fabric' ? `Fabric ${cfg.fabric.version} (${cfg.fabric.module}@${cfg.fabric.moduleVersion})` : set.id} cannot be downloaded on this machine.`,
      lines,
    );
  }
  return new NetworkError('BUILD_FAILED', `go build of ${p.name} (${p.pkg}) failed`, lines);
}
