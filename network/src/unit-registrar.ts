/**
 * The registrar an organisation's gateway onboards relying units with: an
 * identity of its own at the organisation's CA, registered by the CA's
 * bootstrap admin, that may register client identities carrying the
 * attributes a unit's certificate needs (`role`, `unit`) and nothing else:
 * no peer, orderer or admin, no `hf.*` power, no sub-registrar. Its
 * enrolment lives in the gateway's folder, the only registrar the gateway's
 * configuration names; the bootstrap admin's stays with the CA operator
 * (`<org>/registrar`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, type CaEndpoint, type CommandRunner } from '@idcard/ca-client';
import type { PeerOrgConfig, ResolvedConfig } from './config';
import { caEndpoint, registerAndEnroll } from './fabric-ca';
import type { FabricPrograms } from './fabric-programs';
import { gatewayNode } from './topology';

/** Enrolment id of the unit registrar at its organisation's CA. */
export const UNIT_REGISTRAR = 'unit-registrar';

/** The certificate attributes a relying unit's identity carries (what the gateway registers), the only ones the unit registrar may give. */
export const UNIT_ATTRIBUTES: readonly string[] = ['role', 'unit'];

/** True when the organisation has relying units (its gateway onboards them at its own CA). */
export function onboardsUnits(org: Pick<PeerOrgConfig, 'clients'>): boolean {
  return org.clients.some((c) => c.role === 'verifier');
}

/** fabric-ca-client home of the unit registrar: inside the gateway's folder. */
export function unitRegistrarHome(cfg: ResolvedConfig, org: string): string {
  return join(gatewayNode(cfg, org).home, 'ca-registrar');
}

/** The organisation's CA reached as its unit registrar (what the gateway's configuration holds). */
export function unitRegistrarEndpoint(
  cfg: ResolvedConfig,
  programs: Pick<FabricPrograms, 'caClient'>,
  org: string,
): CaEndpoint {
  return { ...caEndpoint(cfg, programs, org), registrarHome: unitRegistrarHome(cfg, org) };
}

/**
 * Registers and enrols the unit registrar through the bootstrap admin (once;
 * an enrolled one is kept). The bootstrap admin must be enrolled.
 * @throws NetworkError CA_UNREACHABLE, CA_COMMAND_FAILED
 */
export async function enrollUnitRegistrar(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  org: Pick<PeerOrgConfig, 'name' | 'mspId'>,
  run: CommandRunner = runCommand,
): Promise<void> {
  const home = unitRegistrarHome(cfg, org.name);
  if (existsSync(join(home, 'msp', 'signcerts', 'cert.pem'))) return;
  await registerAndEnroll(
    cfg,
    programs,
    org.name,
    org.mspId,
    home,
    { name: UNIT_REGISTRAR, type: 'client', registrar: { roles: ['client'], attributes: UNIT_ATTRIBUTES } },
    run,
  );
}
