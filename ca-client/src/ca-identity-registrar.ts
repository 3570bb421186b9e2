/**
 * The Fabric CA adapter of the gateway's IdentityRegistrar port: onboarding a
 * relying unit registers its client identity (or, when the CA already knows
 * the name, as on a retried onboarding, removes and registers it afresh)
 * with `role` and `unit` attributes in the certificate, into
 * `identitiesDir/<name>`. It matches the port by shape, so the gateway builds
 * it through this package's door and neither package reaches into the other.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { enrollAt, type CaEndpoint } from './ca-client';
import { NetworkError } from './errors';
import type { CommandRunner } from './run-command';

/** What the registrar is built from. */
export interface CaRegistrarOptions {
  /** The CA that issues the identities, reached as its registrar. */
  readonly ca: CaEndpoint;
  /** MSP the identities belong to (written into the certificate's O). */
  readonly mspId: string;
  /** Folder holding one sub-folder per enrolled identity. */
  readonly identitiesDir: string;
  /** Runs fabric-ca-client (runCommand unless a test watches the calls). */
  readonly run?: CommandRunner;
}

/** A client identity to register; every attribute goes into the certificate. */
export interface ClientIdentityRequest {
  /** Enrolment id at the CA and folder name, e.g. `unit-bank-001`. */
  readonly name: string;
  readonly type: 'client';
  readonly attributes: Readonly<Record<string, string>>;
}

/** Where an enrolled client identity's certificate and private key are. */
export interface EnrolledClient {
  readonly mspId: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/** Registers (or re-enrols) and enrols client identities at one CA. */
export interface CaIdentityRegistrar {
  /**
   * Registers the identity, or re-enrols it when the CA already knows the
   * name; the new material replaces the old only once it is complete.
   * @throws NetworkError CA_REQUEST_INVALID, CA_UNREACHABLE, CA_COMMAND_FAILED or PROGRAM_MISSING
   */
  registerAndEnroll(request: ClientIdentityRequest): Promise<EnrolledClient>;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ATTR_NAME = /^[a-z][A-Za-z0-9.]{0,31}$/;
// fabric-ca-client reads `k=v:ecert,k=v:ecert`: a value must not contain `,`, `=` or `:`.
const ATTR_VALUE = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Refuses a name that would leave the identities folder or an attribute
 * fabric-ca-client would parse differently.
 * @throws NetworkError CA_REQUEST_INVALID
 */
function checkRequest(request: ClientIdentityRequest): void {
  if (!NAME.test(request.name)) {
    throw new NetworkError('CA_REQUEST_INVALID', `identity name must match ${NAME.source}`);
  }
  for (const [key, value] of Object.entries(request.attributes)) {
    if (!ATTR_NAME.test(key) || !ATTR_VALUE.test(value)) {
      throw new NetworkError(
        'CA_REQUEST_INVALID',
        `certificate attribute ${JSON.stringify(key)} must match ${ATTR_NAME.source} with a value matching ${ATTR_VALUE.source}`,
      );
    }
  }
}

/** Puts a complete enrolment in place of the previous one (if any) and returns its paths. */
function install(staging: string, finalDir: string, mspId: string, keyPath: string): EnrolledClient {
  const previous = `${staging}.previous`;
  if (existsSync(finalDir)) renameSync(finalDir, previous);
  renameSync(staging, finalDir);
  rmSync(previous, { recursive: true, force: true });
  const mspDir = join(finalDir, 'msp');
  return {
    mspId,
    certPath: join(mspDir, 'signcerts', 'cert.pem'),
    keyPath: join(mspDir, 'keystore', basename(keyPath)),
  };
}

/** Builds the registrar; nothing is contacted until the first request. */
export function createCaIdentityRegistrar(options: CaRegistrarOptions): CaIdentityRegistrar {
  const { ca, mspId, identitiesDir, run } = options;
  // One enrolment at a time: two retries of one onboarding must not swap folders under each other.
  let queue: Promise<unknown> = Promise.resolve();

  async function enrol(request: ClientIdentityRequest): Promise<EnrolledClient> {
    checkRequest(request);
    mkdirSync(identitiesDir, { recursive: true, mode: 0o700 });
    const staging = mkdtempSync(join(identitiesDir, `.${request.name}-`));
    try {
      const id = await enrollAt(ca, mspId, staging, request, run);
      chmodSync(id.keyPath, 0o600);
      return install(staging, join(identitiesDir, request.name), mspId, id.keyPath);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }

  return {
    registerAndEnroll(request) {
      const result = queue.then(() => enrol(request));
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
