/**
 * The organisations' CA certificates read from their PEM files (config
 * `audit.organisations`), as the receipt check takes them.
 */
import { readFileSync } from 'node:fs';
import type { OrgRoots } from '@idcard/audit';
import type { OrganisationCaFiles } from '../config';

function readPem(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the CA certificate ${path}`, { cause: err });
  }
}

/**
 * Reads every organisation's CA certificates.
 * @throws Error naming a file that cannot be read
 */
export function loadOrganisationRoots(organisations: readonly OrganisationCaFiles[]): OrgRoots[] {
  return organisations.map((org) => ({
    mspId: org.mspId,
    rootCerts: org.rootCertPaths.map(readPem),
    intermediateCerts: org.intermediateCertPaths.map(readPem),
  }));
}
