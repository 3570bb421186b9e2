/**
 * The caller registry: who may call the API, as which role and unit, with
 * which Fabric identity (none for the gateway's own service roles). API keys
 * are kept only as SHA-256 digests and are
 * compared in constant time; keys can be revoked. Changes are persisted with
 * an atomic file replacement, one at a time.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ROLES, UNIT_ID_PATTERN, writeFileAtomic, type Role } from '@idcard/common';
import type { LedgerIdentity } from '../ledger/ledger-client';
import { literalUnion } from '../ledger/records';
import { apiKeyId, createApiKey, digestsEqual, hashApiKey } from './api-keys';

/**
 * Roles of callers of the gateway itself, not of the ledger: they hold no
 * Fabric identity. `unit-admin` (the relying parties' gateway) enrols its
 * units' identities and issues their API keys; `pseudonym-client` (another
 * organisation's gateway) asks an agency gateway for card references.
 */
export const SERVICE_ROLES = ['unit-admin', 'pseudonym-client'] as const;
/** A service role. */
export type ServiceRole = (typeof SERVICE_ROLES)[number];
/** Any caller's role: a ledger role or a service role. */
export type CallerRole = Role | ServiceRole;
/** Every caller role. */
export const CALLER_ROLES: readonly CallerRole[] = [...ROLES, ...SERVICE_ROLES];

const KeyEntrySchema = Type.Object(
  {
    keyId: Type.String({ pattern: '^[0-9a-f]{16}$' }),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    createdAt: Type.String(),
    revokedAt: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

const CallerEntrySchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    role: literalUnion([...ROLES, ...SERVICE_ROLES]),
    unit: Type.Optional(Type.String({ pattern: UNIT_ID_PATTERN.source })),
    /** The Fabric identity the caller's transactions are signed with; absent for a service role. */
    identity: Type.Optional(
      Type.Object(
        { mspId: Type.String({ minLength: 1 }), certPath: Type.String(), keyPath: Type.String() },
        { additionalProperties: false },
      ),
    ),
    keys: Type.Array(KeyEntrySchema),
  },
  { additionalProperties: false },
);

/** The registry file: `{ "callers": [ ... ] }`. */
export const CallerRegistryFileSchema = Type.Object(
  { callers: Type.Array(CallerEntrySchema) },
  { additionalProperties: false },
);
/** The registry file's content. */
export type CallerRegistryFile = Static<typeof CallerRegistryFileSchema>;
type CallerEntry = Static<typeof CallerEntrySchema>;

/** An authenticated caller. */
export interface Caller {
  readonly id: string;
  readonly role: CallerRole;
  /** Unit id: the bureau of an officer, the relying unit of a verifier. */
  readonly unit: string | undefined;
  /** Undefined for a service role (no ledger access). */
  readonly identity: LedgerIdentity | undefined;
  /** The API key the caller authenticated with (undefined for a caller looked up by unit). */
  readonly keyId?: string;
}

/** A caller of the ledger: a ledger role and its Fabric identity. */
export interface LedgerCaller extends Caller {
  readonly role: Role;
  readonly identity: LedgerIdentity;
}

/** True for a caller that signs ledger transactions. */
export function isLedgerCaller(caller: Caller): caller is LedgerCaller {
  return caller.identity !== undefined && (ROLES as readonly string[]).includes(caller.role);
}

/** A caller to add (onboarding); a service role has no identity. */
export interface NewCaller {
  readonly id: string;
  readonly role: CallerRole;
  readonly unit?: string;
  readonly identity?: Omit<LedgerIdentity, 'id'>;
}

/** The registry. */
export interface CallerRegistry {
  /** The caller a key belongs to; undefined for an unknown, malformed or revoked key. */
  authenticate(apiKey: string): Caller | undefined;
  /** The verifier caller of a relying unit, if onboarded. */
  findUnitCaller(unitId: string): LedgerCaller | undefined;
  /**
   * Adds a caller.
   * @throws Error when the id is taken
   */
  addCaller(caller: NewCaller): Promise<void>;
  /**
   * Issues a new key to a caller and returns it (the only time it is visible).
   * @throws Error when the caller is unknown
   */
  issueKey(callerId: string, now: Date): Promise<{ apiKey: string; keyId: string }>;
  /** Revokes a key; false when no such active key exists. */
  revokeKey(keyId: string, now: Date): Promise<boolean>;
}

function toCaller(entry: CallerEntry, keyId?: string): Caller {
  return {
    id: entry.id,
    role: entry.role,
    unit: entry.unit,
    identity: entry.identity === undefined ? undefined : { id: entry.id, ...entry.identity },
    ...(keyId === undefined ? {} : { keyId }),
  };
}

/** A digest that never matches, compared against when the key id is unknown (uniform timing). */
const DUMMY_DIGEST = hashApiKey('idk_unknown');

/**
 * A registry over an in-memory document; `persist` (when given) is called
 * with the new document after every change, one change at a time.
 * @throws Error when the document is not a valid registry
 */
export function createCallerRegistry(
  document: CallerRegistryFile,
  persist?: (doc: CallerRegistryFile) => Promise<void>,
): CallerRegistry {
  if (!Value.Check(CallerRegistryFileSchema, document)) {
    const first = Value.Errors(CallerRegistryFileSchema, document).First();
    throw new Error(`caller registry is invalid at ${first?.path ?? '/'}: ${first?.message ?? ''}`);
  }
  const doc: CallerRegistryFile = structuredClone(document);
  let chain: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    const snapshot = structuredClone(doc);
    chain = chain.then(() => (persist ? persist(snapshot) : undefined));
    return chain;
  };
  const byKeyId = (keyId: string) => {
    for (const entry of doc.callers) {
      const key = entry.keys.find((k) => k.keyId === keyId);
      if (key) return { entry, key };
    }
    return undefined;
  };
  return {
    authenticate(apiKey) {
      const keyId = apiKeyId(apiKey);
      const found = keyId === undefined ? undefined : byKeyId(keyId);
      const matches = digestsEqual(hashApiKey(apiKey), found?.key.sha256 ?? DUMMY_DIGEST);
      if (!found || !matches || found.key.revokedAt !== null) return undefined;
      return toCaller(found.entry, found.key.keyId);
    },
    findUnitCaller(unitId) {
      const entry = doc.callers.find((c) => c.role === 'verifier' && c.unit === unitId);
      const caller = entry ? toCaller(entry) : undefined;
      return caller !== undefined && isLedgerCaller(caller) ? caller : undefined;
    },
    async addCaller(caller) {
      if (doc.callers.some((c) => c.id === caller.id)) throw new Error(`caller ${caller.id} exists`);
      doc.callers.push({
        id: caller.id,
        role: caller.role,
        ...(caller.unit === undefined ? {} : { unit: caller.unit }),
        ...(caller.identity === undefined ? {} : { identity: { ...caller.identity } }),
        keys: [],
      });
      await save();
    },
    async issueKey(callerId, now) {
      const entry = doc.callers.find((c) => c.id === callerId);
      if (!entry) throw new Error(`caller ${callerId} is unknown`);
      const key = createApiKey();
      entry.keys.push({
        keyId: key.keyId,
        sha256: key.sha256,
        createdAt: now.toISOString(),
        revokedAt: null,
      });
      await save();
      return { apiKey: key.apiKey, keyId: key.keyId };
    },
    async revokeKey(keyId, now) {
      const found = byKeyId(keyId);
      if (!found || found.key.revokedAt !== null) return false;
      found.key.revokedAt = now.toISOString();
      await save();
      return true;
    },
  };
}

/**
 * Opens the registry file; relative identity paths are resolved against the
 * file's folder. Changes are written back atomically.
 * @throws Error naming the file when it is missing or invalid
 */
export function openCallerRegistry(file: string): CallerRegistry {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`caller registry ${file} cannot be read`, { cause: err });
  }
  const doc = parsed as CallerRegistryFile;
  const base = dirname(file);
  const absolute = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  if (Array.isArray(doc.callers)) {
    for (const caller of doc.callers) {
      if (caller.identity !== undefined) {
        caller.identity.certPath = absolute(caller.identity.certPath);
        caller.identity.keyPath = absolute(caller.identity.keyPath);
      }
    }
  }
  return createCallerRegistry(doc, (next) => writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`));
}
