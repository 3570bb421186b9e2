/**
 * The chaincode-as-a-service package: metadata.json and code.tar.gz holding
 * only a connection.json template (each peer's builder fills in its own
 * organisation's chaincode server and TLS material). Built deterministically, so equal inputs give
 * the same package id on every run and every machine.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ResolvedConfig } from './config';
import { NetworkError, runCommand } from '@idcard/ca-client';
import { dataPaths } from './topology';

/** How long the peer waits for the chaincode server's TCP/TLS handshake. */
export const CCAAS_DIAL_TIMEOUT = '10s';

/**
 * The ccaas connection.json every peer installs: Go-template placeholders the
 * ccaas builder fills from each peer's CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG
 * (see `builderConfig` in node-config.ts), so one package (one package id)
 * leads each organisation's peers to its own chaincode server, over mutual
 * TLS with the peer's own TLS certificate.
 */
export function connectionTemplate(addressKey = 'address'): string {
  return `${JSON.stringify(
    {
      address: `{{.${addressKey}}}`,
      dial_timeout: CCAAS_DIAL_TIMEOUT,
      tls_required: true,
      client_auth_required: true,
      root_cert: '{{.root_cert}}',
      client_key: '{{.client_key}}',
      client_cert: '{{.client_cert}}',
    },
    null,
    2,
  )}\n`;
}

/** A concrete connection.json for a chaincode server address, as deterministic text (tests, tools). */
export function connectionJson(address: string, tlsRootCertPem?: string): string {
  const tls =
    tlsRootCertPem === undefined
      ? { tls_required: false }
      : { tls_required: true, client_auth_required: false, root_cert: tlsRootCertPem };
  return `${JSON.stringify({ address, dial_timeout: CCAAS_DIAL_TIMEOUT, ...tls }, null, 2)}\n`;
}

/** tar options that make an archive depend only on the names and contents of its files. */
export const DETERMINISTIC_TAR_FLAGS: readonly string[] = [
  '--format=ustar',
  '--sort=name',
  '--mtime=@0',
  '--owner=0',
  '--group=0',
  '--numeric-owner',
  '--mode=0644',
];

/** Writes `<out>` as a gzipped tar of `names` in `dir`; gzip by zlib so no name or time enters its header. */
async function deterministicTgz(dir: string, names: readonly string[], out: string): Promise<void> {
  for (const n of names) chmodSync(join(dir, n), 0o644);
  const tarFile = `${out}.tar`;
  const res = await runCommand('tar', [...DETERMINISTIC_TAR_FLAGS, '-cf', tarFile, '-C', dir, ...names]);
  if (res.code !== 0) throw new NetworkError('PROCESS_FAILED', `tar failed for ${out}`, [res.stderr.trim()]);
  writeFileSync(out, gzipSync(readFileSync(tarFile), { level: 9 }));
  rmSync(tarFile);
}

/**
 * Writes the ccaas package `<dataDir>/chaincode/<label>.tgz` (metadata.json
 * and code.tar.gz holding the connection.json template) and returns its
 * path. The same label gives a byte-identical package, so the same package
 * id, on every run and machine. `addressKey` names the builder-config key
 * holding the chaincode server's address (another chaincode, another server).
 * @throws NetworkError PROCESS_FAILED when tar fails.
 */
export async function packageCcaas(
  cfg: ResolvedConfig,
  label: string,
  addressKey = 'address',
): Promise<string> {
  const root = dataPaths(cfg).chaincode;
  mkdirSync(root, { recursive: true });
  const stage = mkdtempSync(join(root, '.package-'));
  try {
    writeFileSync(join(stage, 'connection.json'), connectionTemplate(addressKey));
    await deterministicTgz(stage, ['connection.json'], join(stage, 'code.tar.gz'));
    writeFileSync(join(stage, 'metadata.json'), `${JSON.stringify({ type: 'ccaas', label })}\n`);
    const out = join(root, `${label}.tgz`);
    await deterministicTgz(stage, ['code.tar.gz', 'metadata.json'], `${out}.tmp`);
    renameSync(`${out}.tmp`, out);
    return out;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** The package id peers give a package file: `label:sha256(file)`. */
export function packageId(label: string, file: string): string {
  return `${label}:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
}
