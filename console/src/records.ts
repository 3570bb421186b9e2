/** The shapes of the gateway's answers the console shows (docs/api.md). */

/** A page of a list. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly bookmark: string;
}

/** A committed write. */
export interface Committed<T> {
  readonly result: T;
  readonly txId: string;
  readonly blockNumber: number;
}

export interface CardSummary {
  readonly cardRef: string;
  readonly state: string;
  readonly effectiveState: string;
  readonly validFrom: string;
  readonly validUntil: string;
}

export interface Card extends CardSummary {
  readonly kind: string;
  readonly lastAction: string;
  readonly lastReason: string | null;
  readonly updatedAt: string;
}

export interface CardEvent {
  readonly txId: string;
  readonly txTime: string;
  readonly action: string;
  readonly fromState: string | null;
  readonly toState: string;
  readonly reasonCode: string | null;
  readonly occurredAt: string;
  readonly officerUnit: string;
}

export interface Verification {
  readonly recordId: string;
  readonly unitId: string;
  readonly purpose: string;
  readonly channel: string;
  readonly cardRef: string | null;
  readonly result: string;
  readonly reason: string | null;
  readonly txId: string;
  readonly txTime: string;
}

/** A verification answer: the record and its signed receipt. */
export interface VerificationAnswer extends Committed<Verification> {
  readonly receipt?: unknown;
}

export interface TrailRead {
  readonly readId: string;
  readonly officerUnit: string;
  readonly purpose: string;
  readonly txTime: string;
}

export interface EidToken {
  readonly token: string;
  readonly result: { readonly expiresAt: string };
}

export interface Unit {
  readonly unitId: string;
  readonly category: string;
  readonly displayName: string;
  readonly allowedPurposes: readonly string[];
  readonly state: string;
  readonly suspensionReason: string | null;
}

export interface StatusNotice {
  readonly noticeId: string;
  readonly cardRef: string;
  readonly state: string;
  readonly changedAt: string;
  readonly checkedAt: string;
}

export interface FraudReport {
  readonly reportId: string;
  readonly unitId: string;
  readonly cardRef: string;
  readonly category: string;
  readonly txTime: string;
}

/** One unit's line of an accountability report. */
export interface UnitAccountability {
  readonly unitId: string;
  readonly total: number;
  readonly byResult: Readonly<Record<string, number>>;
  readonly byPurpose: Readonly<Record<string, number>>;
}

export interface Accountability {
  readonly units: readonly UnitAccountability[];
}

export interface IssuedKey {
  readonly callerId: string;
  readonly keyId: string;
  readonly apiKey: string;
}
