/**
 * Vocabulary the chaincode adds to the shared one: unit registry actions,
 * identifiers it mints, and the guard keys of the key-level endorsement
 * scheme (docs/transactions.md, "Endorsement").
 */

/** Relying-unit registry actions, as carried by the UnitChanged event. */
export const UNIT_ACTIONS = ['REGISTER', 'SET_PURPOSES', 'SUSPEND', 'REINSTATE'] as const;
export type UnitAction = (typeof UNIT_ACTIONS)[number];

/** A unit suspension reason: a short upper-case code. */
export const SUSPENSION_REASON_PATTERN = /^[A-Z_]{1,32}$/;

/**
 * A verification record id or fraud report id: the Fabric transaction id
 * (64 lowercase hex) and the item index within that transaction.
 */
export const RECORD_ID_PATTERN = /^[0-9a-f]{64}\.\d{1,3}$/;

/** Longest display name of a relying unit. */
export const MAX_DISPLAY_NAME_LENGTH = 128;

/** Guard keys whose key-level policies make key creation need an agency (written blind). */
export const GUARD_KEYS = { cards: 'guard/cards', units: 'guard/units' } as const;
export type GuardKey = (typeof GUARD_KEYS)[keyof typeof GUARD_KEYS];
