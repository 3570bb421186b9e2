/**
 * Who holds which secret in a data dir (issue 13: keys stay with their
 * organisation). Lists every private key and secret file, and attributes
 * each to an organisation without looking at where it lies: a PEM private
 * key by the certificate that carries its public key (issued by `ca.<org>`;
 * the CA's own key by its self-signed certificate), a CA's internal secrets
 * (registrar secret, idemix keys) by the CA home that uses them, the
 * pseudonym key and a gateway's `pseudonym-client` key by the gateway
 * configuration that names them.
 */
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { filesUnder } from './privacy-scan';

/** A secret found in the data dir. */
export interface SecretFile {
  /** Path relative to the data dir. */
  readonly file: string;
  readonly kind: 'private-key' | 'ca-secret' | 'pseudonym-key' | 'gateway-credential';
  /** Organisation the secret belongs to, or undefined when it cannot be attributed. */
  readonly owner: string | undefined;
}

const MAX_TEXT_BYTES = 2 * 1024 * 1024;
const PEM_KEY = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----[\s\S]+?-----END (?:[A-Z]+ )?PRIVATE KEY-----/g;
const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** A file's text when it is small enough to hold keys (ledger files are not read), JSON escapes undone. */
function textOf(file: string): string | undefined {
  if (statSync(file).size > MAX_TEXT_BYTES) return undefined;
  return readFileSync(file, 'utf8').replace(/\\n/g, '\n');
}

/** The SPKI (hex) of a PEM private key; '' when it does not parse (then it stays unattributed). */
function spki(pem: string): string {
  try {
    return createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'der' }).toString('hex');
  } catch {
    return '';
  }
}

/** The organisation of a `ca.<org>` common name in a distinguished name. */
function caOrg(dn: string): string | undefined {
  return /CN=ca\.([a-z0-9]+)/.exec(dn)?.[1];
}

/** Public key (SPKI hex) → organisation of the CA that issued the certificate carrying it. */
function certifiedKeys(dataDir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of filesUnder(dataDir)) {
    const text = textOf(file);
    if (text === undefined || !text.includes('BEGIN CERTIFICATE')) continue;
    for (const pem of text.match(PEM_CERT) ?? []) {
      let cert: X509Certificate;
      try {
        cert = new X509Certificate(pem);
      } catch {
        continue; // a fragment (e.g. in a log line), not a certificate
      }
      const org = caOrg(cert.issuer.replace(/\n/g, ','));
      if (org !== undefined)
        out.set(cert.publicKey.export({ type: 'spki', format: 'der' }).toString('hex'), org);
    }
  }
  return out;
}

/** The organisation whose CA home (`.../ca`, with its `ca-cert.pem`) holds `file`, if any. */
function caHomeOrg(file: string): string | undefined {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    if (basename(dir) === 'ca') {
      try {
        return caOrg(new X509Certificate(readFileSync(join(dir, 'ca-cert.pem'))).subject.replace(/\n/g, ','));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** What the gateways' configurations say about the pseudonym key and pseudonym-client key files. */
export interface GatewaySecrets {
  /** Pseudonym key file → organisation of the gateway configured with it. */
  readonly pseudonymKeys: ReadonlyMap<string, string>;
  /** pseudonym-client API key file → organisation of the gateway configured with it. */
  readonly credentials: ReadonlyMap<string, string>;
}

/** A named secret file (not a PEM key) and its owner, or undefined when the file is no such secret. */
function namedSecret(file: string, gateways: GatewaySecrets): Omit<SecretFile, 'file'> | undefined {
  const name = basename(file);
  if (gateways.credentials.has(file) || name === 'pseudonym-client.key') {
    return { kind: 'gateway-credential', owner: gateways.credentials.get(file) };
  }
  if (gateways.pseudonymKeys.has(file) || /^pseudonym.*\.key$/.test(name)) {
    return { kind: 'pseudonym-key', owner: gateways.pseudonymKeys.get(file) };
  }
  if (name === 'registrar.secret' || /^Issuer.*(Private|Secret)Key$/.test(name)) {
    return { kind: 'ca-secret', owner: caHomeOrg(file) };
  }
  return undefined;
}

/**
 * Every secret under the data dir with its owner.
 * @throws Error when a PEM block cannot be parsed
 */
export function secretsIn(dataDir: string, gateways: GatewaySecrets): SecretFile[] {
  const certified = certifiedKeys(dataDir);
  const out: SecretFile[] = [];
  for (const file of filesUnder(dataDir)) {
    const rel = relative(dataDir, file);
    const named = namedSecret(file, gateways);
    if (named !== undefined) {
      out.push({ file: rel, ...named });
      continue;
    }
    const keys = textOf(file)?.match(PEM_KEY) ?? [];
    const looksLikeKey = file.endsWith('_sk') || basename(file) === 'key.pem';
    if (keys.length === 0 && looksLikeKey) out.push({ file: rel, kind: 'private-key', owner: undefined });
    for (const pem of keys) {
      out.push({ file: rel, kind: 'private-key', owner: certified.get(spki(pem)) ?? caHomeOrg(file) });
    }
  }
  return out;
}
