/**
 * The card as presented to a relying unit (pseudonymous references and the
 * printed validity window), single and in bulk, checked field by field; with
 * the same references under earlier pseudonym keys when the gateway has any.
 */
import { LIMITS, type CardReferences, type PresentedCard } from '@idcard/common';
import { LimitExceededError, ValidationError } from '../errors';
import { requireEarlierRefs } from './earlier-refs';
import {
  parseJson,
  requireDate,
  requireReference,
  requireRequestId,
  requireStringFields,
  requireValidUntil,
} from './input-checks';

export type { PresentedCard } from '@idcard/common';

/** One item of a verification: the card, its request id, and its references under earlier keys. */
export interface BulkItem extends PresentedCard {
  readonly requestId: string;
  readonly earlierRefs: readonly CardReferences[];
}

/** The presented card under each key: as sent first, then under each earlier key. */
export function candidatesOf(item: BulkItem): PresentedCard[] {
  const { validFrom, validUntil } = item;
  return [item, ...item.earlierRefs.map((refs) => ({ ...refs, validFrom, validUntil }))];
}

/** An item without its optional earlierRefs field, and that field (undefined when absent). */
function splitEarlierRefs(raw: unknown): { rest: unknown; earlier: unknown } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { rest: raw, earlier: undefined };
  const { earlierRefs, ...rest } = raw as Record<string, unknown>;
  return { rest, earlier: earlierRefs };
}

const BULK_FIELDS = ['requestId', 'cardRef', 'personRef', 'nameCheck', 'validFrom', 'validUntil'] as const;

/** A presented card with every field checked. @throws ValidationError */
export function requirePresentedCard(fields: PresentedCard, prefix = ''): PresentedCard {
  return {
    cardRef: requireReference(`${prefix}cardRef`, fields.cardRef),
    personRef: requireReference(`${prefix}personRef`, fields.personRef),
    nameCheck: requireReference(`${prefix}nameCheck`, fields.nameCheck),
    validFrom: requireDate(`${prefix}validFrom`, fields.validFrom),
    validUntil: requireValidUntil(`${prefix}validUntil`, fields.validUntil),
  };
}

/**
 * The items of a bulk verification: a JSON array of 1..LIMITS.maxBulkItems
 * objects with exactly the item fields (and optionally `earlierRefs`),
 * request ids unique within the batch.
 * @throws LimitExceededError for too many items; ValidationError for anything malformed.
 */
export function parseBulkItems(text: string): BulkItem[] {
  const parsed = parseJson('items', text);
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new ValidationError('items must be a non-empty JSON array');
  }
  if (parsed.length > LIMITS.maxBulkItems) {
    throw new LimitExceededError(`items holds ${parsed.length} cards, at most ${LIMITS.maxBulkItems}`);
  }
  const items = parsed.map((raw: unknown, index): BulkItem => {
    const { rest, earlier } = splitEarlierRefs(raw);
    const fields = requireStringFields(`items[${index}]`, rest, BULK_FIELDS);
    const card = requirePresentedCard(fields, `items[${index}].`);
    return {
      requestId: requireRequestId(`items[${index}].requestId`, fields.requestId),
      ...card,
      earlierRefs:
        earlier === undefined ? [] : requireEarlierRefs(`items[${index}].earlierRefs`, earlier, card),
    };
  });
  const ids = items.map((item) => item.requestId);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined) throw new ValidationError(`items repeat requestId ${duplicate}`);
  return items;
}
