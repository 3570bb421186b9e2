/**
 * The Fabric sample configuration (core.yaml, orderer.yaml) that peers and
 * orderers read before their CORE_* / ORDERER_* environment overrides. It
 * comes with a pre-installed Fabric (its config folder) or ships in the
 * pinned Fabric module download; either way it is copied once into the data
 * dir, so a later change of the installation does not change a running network.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedConfig } from './config';
import { NetworkError, runCommand } from '@idcard/ca-client';
import { dataPaths } from './topology';

/** The sample files copied, by name. */
export const SAMPLE_CONFIG_FILES: readonly string[] = ['core.yaml', 'orderer.yaml'];

/** Folder holding core.yaml and orderer.yaml: the FABRIC_CFG_PATH of every node and admin command. */
export function fabricConfigDir(cfg: ResolvedConfig): string {
  return join(dataPaths(cfg).root, 'fabric-config');
}

/** What `go mod download -json` prints for one module. */
interface ModuleDownload {
  readonly Dir?: string;
  readonly Error?: string;
}

/**
 * Reads the module folder from `go mod download -json` output.
 * @throws NetworkError MODULE_UNAVAILABLE when the proxy refused the module.
 */
export function moduleDirFromDownload(cfg: ResolvedConfig, stdout: string, stderr: string): string {
  let parsed: ModuleDownload = {};
  try {
    parsed = JSON.parse(stdout) as ModuleDownload;
  } catch {
    // Not JSON: go failed before it could describe the module; stderr says why.
  }
  if (parsed.Dir !== undefined && parsed.Error === undefined) return parsed.Dir;
  const why = (parsed.Error ?? stderr).trim().split('\n').slice(-4);
  throw new NetworkError(
    'MODULE_UNAVAILABLE',
    `cannot download ${cfg.fabric.module}@${cfg.fabric.moduleVersion} (Fabric ${cfg.fabric.version}) ` +
      `for its sample configuration: the Go module proxy refused it`,
    why,
  );
}

/**
 * Copies core.yaml and orderer.yaml into `<dataDir>/fabric-config` (once)
 * and returns that folder: from the pre-installed Fabric's config folder
 * when `installedConfigDir` is given, else from the pinned Fabric module.
 * @throws NetworkError MODULE_UNAVAILABLE when the module is needed and cannot be downloaded.
 */
export async function prepareFabricConfigDir(
  cfg: ResolvedConfig,
  installedConfigDir?: string,
): Promise<string> {
  const dir = fabricConfigDir(cfg);
  if (SAMPLE_CONFIG_FILES.every((f) => existsSync(join(dir, f)))) return dir;
  if (installedConfigDir !== undefined) {
    copySampleFiles(installedConfigDir, dir);
    return dir;
  }
  const res = await runCommand(
    'go',
    ['mod', 'download', '-json', `${cfg.fabric.module}@${cfg.fabric.moduleVersion}`],
    {
      cwd: join(cfg.projectRoot, 'network', 'fabric-build', 'fabric'),
      env: { ...process.env, GOFLAGS: '-mod=mod' },
      timeoutMs: 600_000,
    },
  );
  copySampleFiles(join(moduleDirFromDownload(cfg, res.stdout, res.stderr), 'sampleconfig'), dir);
  return dir;
}

function copySampleFiles(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const f of SAMPLE_CONFIG_FILES) {
    const target = join(to, f);
    copyFileSync(join(from, f), target);
    // The module cache (and often /etc) is read-only and copyFile keeps the mode.
    chmodSync(target, 0o644);
  }
}
