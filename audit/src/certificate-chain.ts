/**
 * Whether a certificate was issued by one of an organisation's CAs: by a
 * root directly, or by an intermediate that a root issued. Expiry, CRLs and
 * NodeOU roles are not checked (as for the orderer signatures).
 */
import { X509Certificate } from 'node:crypto';

/** True when `ca` issued `cert` and its key verifies the certificate's signature. */
export function issuedBy(cert: X509Certificate, ca: X509Certificate): boolean {
  return cert.checkIssued(ca) && cert.verify(ca.publicKey);
}

/** True when `cert` chains to one of `rootCerts` (PEM), directly or through one of `intermediateCerts`. */
export function chainsToRoots(
  cert: X509Certificate,
  rootCerts: readonly string[],
  intermediateCerts: readonly string[] = [],
): boolean {
  const roots = rootCerts.map((p) => new X509Certificate(p));
  const intermediates = intermediateCerts
    .map((p) => new X509Certificate(p))
    .filter((i) => roots.some((r) => issuedBy(i, r)));
  return [...roots, ...intermediates].some((ca) => issuedBy(cert, ca));
}
