/** What Fabric CA is asked to register and enrol, and where the enrolled material is. */

/** Kinds of identity Fabric CA registers; Fabric CA writes the kind as the certificate's OU. */
export type IdentityType = 'peer' | 'orderer' | 'admin' | 'client';

/**
 * What a registrar identity may register: Fabric CA's `hf.Registrar.Roles`
 * (identity types) and `hf.Registrar.Attributes` (attribute names). It gets
 * no `hf.Registrar.DelegateRoles`, `hf.Revoker` or other `hf.*` power.
 */
export interface RegistrarPowers {
  readonly roles: readonly IdentityType[];
  readonly attributes: readonly string[];
}

/** An identity to register and enrol. */
export interface IdentityRequest {
  readonly name: string;
  readonly type: IdentityType;
  /** Attributes written into the enrolment certificate. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** Makes the identity a registrar with these powers (kept at the CA, not in its certificate). */
  readonly registrar?: RegistrarPowers;
  /** Also enrol a TLS certificate for these hosts. */
  readonly tlsHosts?: readonly string[];
}

/** Where an enrolled identity's material is. */
export interface EnrolledIdentity {
  readonly name: string;
  readonly mspId: string;
  readonly mspDir: string;
  readonly certPath: string;
  readonly keyPath: string;
  readonly tlsDir?: string;
}
