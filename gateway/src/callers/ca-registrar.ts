/**
 * Builds the IdentityRegistrar the configuration names: the Fabric CA
 * adapter of @idcard/ca-client (through its door), enrolling into the
 * configured identities folder.
 */
import { createCaIdentityRegistrar } from '@idcard/ca-client';
import type { GatewayConfig } from '../config';
import type { IdentityRegistrar } from './identity-registrar';

/**
 * The registrar of a configuration, or undefined when it names no CA
 * (onboarding then answers 503). Nothing is contacted here.
 */
export function registrarFromConfig(
  config: Pick<GatewayConfig, 'certificateAuthority' | 'identitiesDir'>,
): IdentityRegistrar | undefined {
  const ca = config.certificateAuthority;
  if (!ca) return undefined;
  const { mspId, ...endpoint } = ca;
  return createCaIdentityRegistrar({ ca: endpoint, mspId, identitiesDir: config.identitiesDir });
}
