/**
 * Throwaway certificate authorities for TLS tests, made with the openssl
 * program: each CA a self-signed EC root, each certificate a leaf it issued
 * (server certificates with IP and DNS subject alternative names).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate and its key, as files. */
export interface CertificateFiles {
  readonly certPath: string;
  readonly keyPath: string;
}

/** A throwaway CA. */
export interface ThrowawayCa extends CertificateFiles {
  /**
   * Issues a leaf certificate with this common name (and, for `hosts`, server
   * SANs: IP addresses and DNS names).
   */
  issue(commonName: string, hosts?: readonly string[]): CertificateFiles;
}

/** A folder of throwaway CAs; `remove` deletes it. */
export interface ThrowawayPki {
  readonly dir: string;
  ca(name: string): ThrowawayCa;
  remove(): void;
}

const openssl = (args: readonly string[]): void => {
  execFileSync('openssl', args, { stdio: 'pipe' });
};

const newKey = (path: string): void => {
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path]);
};

/** Makes a folder for throwaway CAs under the system's temporary folder. */
export function throwawayPki(): ThrowawayPki {
  const dir = mkdtempSync(join(tmpdir(), 'idcard-pki-'));
  let serial = 1;
  return {
    dir,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
    ca(name) {
      const keyPath = join(dir, `${name}.key`);
      const certPath = join(dir, `${name}.pem`);
      newKey(keyPath);
      openssl([
        'req',
        '-x509',
        '-new',
        '-key',
        keyPath,
        '-out',
        certPath,
        '-days',
        '2',
        '-subj',
        `/CN=${name}`,
      ]);
      return {
        keyPath,
        certPath,
        issue(commonName, hosts = []) {
          const base = join(dir, `${name}-${commonName}-${String(serial)}`);
          serial += 1;
          const leaf = { keyPath: `${base}.key`, certPath: `${base}.pem` };
          newKey(leaf.keyPath);
          openssl(['req', '-new', '-key', leaf.keyPath, '-out', `${base}.csr`, '-subj', `/CN=${commonName}`]);
          const sans = hosts.map((h) => (/^[\d.]+$|:/.test(h) ? `IP:${h}` : `DNS:${h}`));
          const ext = [
            'basicConstraints=CA:FALSE',
            `extendedKeyUsage=${hosts.length > 0 ? 'serverAuth,clientAuth' : 'clientAuth'}`,
            ...(sans.length > 0 ? [`subjectAltName=${sans.join(',')}`] : []),
          ];
          writeFileSync(`${base}.ext`, `${ext.join('\n')}\n`);
          openssl([
            'x509',
            '-req',
            '-in',
            `${base}.csr`,
            '-CA',
            certPath,
            '-CAkey',
            keyPath,
            '-set_serial',
            String(serial),
            '-days',
            '2',
            '-extfile',
            `${base}.ext`,
            '-out',
            leaf.certPath,
          ]);
          return leaf;
        },
      };
    },
  };
}
