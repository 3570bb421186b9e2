/**
 * Key-level (state-based) endorsement policies (docs/transactions.md,
 * "Endorsement"), encoded with fabric-shim's KeyEndorsementPolicy: every
 * listed organisation's peer must endorse a change of the key.
 */
import { MSP_IDS } from '@idcard/common';
import { KeyEndorsementPolicy } from 'fabric-shim';

/** Organisations whose peers must all endorse, per kind of key. */
export const KEY_POLICIES = {
  /** Card keys and person index keys. */
  card: [MSP_IDS.publicSecurity, MSP_IDS.bigDataBureau],
  /** Relying-unit keys. */
  unit: [MSP_IDS.bigDataBureau],
  /** guard/cards: written by every transaction that creates a card-side key. */
  cardsGuard: [MSP_IDS.publicSecurity],
  /** guard/units: written by every transaction that creates a unit key. */
  unitsGuard: [MSP_IDS.bigDataBureau],
} as const;

/** The validation parameter requiring a peer of each of the organisations. */
export function encodePolicy(orgs: readonly string[]): Uint8Array {
  const policy = new KeyEndorsementPolicy();
  policy.addOrgs('PEER', ...orgs);
  return policy.getPolicy();
}

/** The organisations a validation parameter requires, sorted (empty when none is set). */
export function decodePolicy(parameter: Uint8Array | undefined): string[] {
  if (parameter === undefined || parameter.length === 0) return [];
  return new KeyEndorsementPolicy(parameter).listOrgs().sort();
}
