/**
 * Shapes of the chaincode's structured arguments (the JSON arguments of
 * TRANSACTIONS: earlierRefs, items), shared by the gateway that encodes
 * them and the chaincode that checks them.
 */

/** A card's three references under one pseudonym key. */
export interface CardReferences {
  readonly cardRef: string;
  readonly personRef: string;
  readonly nameCheck: string;
}

/** The card as presented to a relying unit, in pseudonymous form. */
export interface PresentedCard extends CardReferences {
  readonly validFrom: string;
  readonly validUntil: string;
}
