/**
 * The CA certificates of every peer organisation, as its MSP folder in the
 * network data dir holds them (`cacerts`, `intermediatecerts`): the trust
 * against which verification receipts are checked, by `idcard audit receipt`
 * and by the auditors' gateways (their config `audit.organisations`).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OrganisationCaFiles } from '@idcard/gateway';
import { orgPaths, peerOrgs, type ResolvedConfig } from '@idcard/network';

function pemFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.pem'))
    .sort()
    .map((name) => join(dir, name));
}

/** Every peer organisation's CA certificate files (an organisation not brought up has none). */
export function organisationCaFiles(cfg: ResolvedConfig): OrganisationCaFiles[] {
  return peerOrgs(cfg).map((org) => {
    const { msp } = orgPaths(cfg, org.name);
    return {
      mspId: org.mspId,
      rootCertPaths: pemFiles(join(msp, 'cacerts')),
      intermediateCertPaths: pemFiles(join(msp, 'intermediatecerts')),
    };
  });
}
