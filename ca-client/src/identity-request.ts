/** What Fabric CA is asked to register and enrol, and where the enrolled material is. */

/** Kinds of identity Fabric CA registers; Fabric CA writes the kind as the certificate's OU. */
export type IdentityType = 'peer' | 'orderer' | 'admin' | 'client';

/** An identity to register and enrol. */
export interface IdentityRequest {
  readonly name: string;
  readonly type: IdentityType;
  readonly attributes?: Readonly<Record<string, string>>;
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
