/**
 * Wire formats shared by gateway and chaincode. Both validate with the same
 * patterns, so the chaincode never has to trust the gateway.
 */

/**
 * A keyed pseudonymous reference: `<keyId>.<64 lowercase hex>`, the hex being
 * HMAC-SHA256 under the key named by keyId (DESIGN §3).
 */
export const REFERENCE_PATTERN = /^[a-z0-9]{1,16}\.[0-9a-f]{64}$/;

/** A SHA-256 digest in lowercase hex (electronic-ID token hashes). */
export const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;

/** A calendar date printed on a card, `YYYY-MM-DD`. */
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** An instant, ISO 8601 in UTC with optional milliseconds: `2026-01-31T08:00:00.000Z`. */
export const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** A relying unit id: upper-case letters, digits and dashes. */
export const UNIT_ID_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

/** A client request id: printable, no spaces, at most 64 characters. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/** Card dates are calendar dates in China Standard Time (UTC+8). */
export const CARD_TIME_ZONE_OFFSET_MINUTES = 8 * 60;
