/**
 * Test PKI: one CA per organisation and member certificates, P-256 keys from
 * node:crypto and X.509 certificates from the `openssl` command line. Member
 * attributes go where Fabric CA puts them: JSON `{"attrs":{...}}` as the raw
 * value of the extension 1.2.3.4.5.6.7.8.1.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate (PEM) and its private key. */
export interface TestIdentity {
  readonly mspId: string;
  readonly certificate: string;
  readonly privateKey: KeyObject;
}

/** An organisation's CA. */
export interface TestOrg {
  readonly mspId: string;
  readonly caCertificate: string;
  /** Issues a member certificate with a fresh key (Fabric CA attributes as `options` say). */
  member(commonName: string, options?: MemberOptions): TestIdentity;
}

/** What a member certificate carries in Fabric CA's attribute extension (none when empty). */
export interface MemberOptions {
  /** Attributes, written as Fabric CA does: `{"attrs":{...}}`. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** A raw extension value instead (for malformed-certificate tests). */
  readonly extensionValue?: Uint8Array;
  /** Marks the extension critical (Fabric CA does not). */
  readonly critical?: boolean;
}

/** An openssl extension file for the attribute extension, or undefined when there is none. */
function attributeExtension(options: MemberOptions): string | undefined {
  const value =
    options.extensionValue ??
    (options.attributes === undefined
      ? undefined
      : Buffer.from(JSON.stringify({ attrs: options.attributes }), 'utf8'));
  if (value === undefined) return undefined;
  const hex = Buffer.from(value).toString('hex');
  return `[fabric]\n1.2.3.4.5.6.7.8.1=${options.critical === true ? 'critical,' : ''}DER:${hex}\n`;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function newKeyFile(dir: string, name: string): KeyObject {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync(join(dir, name), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  return privateKey;
}

/** Creates an organisation CA in a temporary directory (removed when done). */
export function createTestOrg(mspId: string): TestOrg {
  const dir = mkdtempSync(join(tmpdir(), 'audit-pki-'));
  try {
    newKeyFile(dir, 'ca.key');
    openssl(dir, [
      'req',
      '-new',
      '-x509',
      '-key',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '3650',
      '-subj',
      `/O=${mspId}/CN=ca`,
    ]);
    const caCertificate = readFileSync(join(dir, 'ca.pem'), 'utf8');
    const caKey = readFileSync(join(dir, 'ca.key'), 'utf8');
    let serial = 1;
    return {
      mspId,
      caCertificate,
      member(commonName: string, options: MemberOptions = {}): TestIdentity {
        const memberDir = mkdtempSync(join(tmpdir(), 'audit-pki-'));
        try {
          writeFileSync(join(memberDir, 'ca.pem'), caCertificate);
          writeFileSync(join(memberDir, 'ca.key'), caKey);
          const privateKey = newKeyFile(memberDir, 'member.key');
          openssl(memberDir, [
            'req',
            '-new',
            '-key',
            'member.key',
            '-out',
            'member.csr',
            '-subj',
            `/O=${mspId}/CN=${commonName}`,
          ]);
          serial += 1;
          const extension: string[] = [];
          const extensionFile = attributeExtension(options);
          if (extensionFile !== undefined) {
            writeFileSync(join(memberDir, 'ext.cnf'), extensionFile);
            extension.push('-extfile', 'ext.cnf', '-extensions', 'fabric');
          }
          openssl(memberDir, [
            'x509',
            '-req',
            '-in',
            'member.csr',
            '-CA',
            'ca.pem',
            '-CAkey',
            'ca.key',
            '-set_serial',
            String(serial),
            '-out',
            'member.pem',
            '-days',
            '365',
            ...extension,
          ]);
          return { mspId, certificate: readFileSync(join(memberDir, 'member.pem'), 'utf8'), privateKey };
        } finally {
          rmSync(memberDir, { recursive: true, force: true });
        }
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
