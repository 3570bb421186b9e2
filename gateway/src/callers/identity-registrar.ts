/**
 * The IdentityRegistrar port: registers and enrols a Fabric CA client
 * identity for a newly onboarded relying unit. The real adapter is
 * @idcard/ca-client's createCaIdentityRegistrar, built from the configuration's
 * `certificateAuthority` by ca-registrar.ts.
 */
import type { Role } from '@idcard/common';

/** What to register: the certificate carries `role` and `unit` attributes. */
export interface IdentityRequest {
  /** Enrolment id at the CA, e.g. `unit-bank-001`. */
  readonly name: string;
  readonly type: 'client';
  readonly attributes: { readonly role: Role; readonly unit: string };
}

/** Where the enrolled identity's material is. */
export interface EnrolledClientIdentity {
  readonly mspId: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/** The port. */
export interface IdentityRegistrar {
  /**
   * Registers (or re-enrols) and enrols a client identity at the relying
   * parties' CA.
   * @throws Error when the CA refuses or cannot be reached
   */
  registerAndEnroll(request: IdentityRequest): Promise<EnrolledClientIdentity>;
}
