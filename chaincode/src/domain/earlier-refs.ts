/**
 * Pseudonym key rotation (issue 14, docs/privacy.md): the gateway sends a
 * card's or person's references under its current key and under each
 * earlier key it still holds; the chaincode finds the card or person under
 * whichever key it was made with. Each set of references shares one key id,
 * and no two sets share a key id.
 */
import { LIMITS, type CardReferences } from '@idcard/common';
import { ValidationError } from '../errors';
import { parseJson, requireReference, requireStringFields } from './input-checks';

export type { CardReferences } from '@idcard/common';

const REFERENCE_FIELDS = ['cardRef', 'personRef', 'nameCheck'] as const;

/** The key id of a reference (`<keyId>.<hex>`). */
export function keyIdOf(reference: string): string {
  return reference.slice(0, reference.indexOf('.'));
}

function requireDistinctKeys(name: string, primary: string, earlier: readonly string[]): void {
  const keyIds = [primary, ...earlier].map(keyIdOf);
  if (new Set(keyIds).size !== keyIds.length) {
    throw new ValidationError(`${name} must name each pseudonym key once, other than the current one`);
  }
}

function requireList(name: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new ValidationError(`${name} must be a JSON array`);
  if (value.length > LIMITS.maxEarlierKeys) {
    throw new ValidationError(`${name} holds more than ${LIMITS.maxEarlierKeys} earlier keys`);
  }
  return value;
}

/**
 * Earlier-key references of a card (a parsed JSON value), checked against
 * the primary references' key id.
 * @throws ValidationError for anything malformed.
 */
export function requireEarlierRefs(name: string, value: unknown, primary: CardReferences): CardReferences[] {
  const refs = requireList(name, value).map((raw, index): CardReferences => {
    const fields = requireStringFields(`${name}[${index}]`, raw, REFERENCE_FIELDS);
    const checked = {
      cardRef: requireReference(`${name}[${index}].cardRef`, fields.cardRef),
      personRef: requireReference(`${name}[${index}].personRef`, fields.personRef),
      nameCheck: requireReference(`${name}[${index}].nameCheck`, fields.nameCheck),
    };
    const keyIds = new Set([checked.cardRef, checked.personRef, checked.nameCheck].map(keyIdOf));
    if (keyIds.size !== 1) throw new ValidationError(`${name}[${index}] mixes pseudonym keys`);
    return checked;
  });
  requireDistinctKeys(
    name,
    primary.cardRef,
    refs.map((ref) => ref.cardRef),
  );
  return refs;
}

/** Earlier-key references of a card from JSON text. @throws ValidationError */
export function parseEarlierRefs(text: string, primary: CardReferences): CardReferences[] {
  return requireEarlierRefs('earlierRefs', parseJson('earlierRefs', text), primary);
}

/** Earlier-key person references from JSON text. @throws ValidationError */
export function parseEarlierPersonRefs(text: string, personRef: string): string[] {
  const name = 'earlierPersonRefs';
  const refs = requireList(name, parseJson(name, text)).map((raw, index) =>
    requireReference(`${name}[${index}]`, raw as string),
  );
  requireDistinctKeys(name, personRef, refs);
  return refs;
}
