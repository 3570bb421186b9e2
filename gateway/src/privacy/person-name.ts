/**
 * A holder's name as printed on the card. The chaincode compares names only
 * through an HMAC (pseudonyms.ts, nameCheck), so two ways of writing must be
 * the same name exactly when they give the same HMAC input. The one
 * normalisation (docs/api.md, ID numbers and names): Unicode NFC, under which
 * canonically equivalent texts (a precomposed ë and e + combining diaeresis)
 * are one text. Nothing else is repaired: leading or trailing whitespace,
 * whitespace other than single spaces between parts, and control, format
 * (invisible, bidirectional) and unpaired surrogate characters are refused,
 * with messages that never repeat the value. Compatibility forms (full-width
 * letters, variants of the middle dot) are compared as sent, not folded.
 */

/** The outcome of checking a name. */
export type PersonNameCheck =
  | { readonly ok: true; readonly name: string }
  | { readonly ok: false; readonly reason: string };

/** Control (C0, DEL, C1), format (zero-width, bidirectional controls, BOM) and unpaired surrogate characters. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/u;
const OUTER_WHITESPACE = /^\s|\s$/u;
/** Whitespace other than one ordinary space between two parts. */
const ODD_INNER_WHITESPACE = /[^\S ]| {2}/u;

/** The canonical form of a name: Unicode NFC. */
export function normaliseName(name: string): string {
  return name.normalize('NFC');
}

/** Checks a name as written; the name answered is its canonical (NFC) form. */
export function checkPersonName(text: string): PersonNameCheck {
  if (INVISIBLE.test(text)) {
    return {
      ok: false,
      reason: 'must not contain control, invisible formatting or unpaired surrogate characters',
    };
  }
  if (OUTER_WHITESPACE.test(text)) {
    return { ok: false, reason: 'must not begin or end with whitespace (nothing is trimmed)' };
  }
  if (ODD_INNER_WHITESPACE.test(text)) {
    return { ok: false, reason: 'may separate its parts only by single ordinary spaces (U+0020)' };
  }
  return { ok: true, name: normaliseName(text) };
}
