/**
 * The wire contract of chaincode `idcard` (docs/transactions.md), written
 * once: for every transaction its contract, whether it is submitted or only
 * evaluated, its arguments in order with their wire types and published
 * descriptions, its transient fields, who endorses it and which roles may
 * call it. The chaincode's decorators and role checks, its metadata test,
 * the gateway's ledger client and the role matrices all derive from it.
 */
import { LIMITS, type Role } from '../vocabulary';

/**
 * How an argument travels: every chaincode argument is text; `number` is a
 * decimal, `json` a JSON array or object.
 */
export type WireType = 'string' | 'number' | 'json';

/** One argument: its wire type and the description the chaincode publishes. */
export interface ArgumentSpec {
  readonly type: WireType;
  readonly doc: string;
}

/** Contracts of the `idcard` chaincode, `cards` first (the default contract). */
export const CONTRACT_NAMES = ['cards', 'verification', 'eid', 'fraud', 'units', 'admin', 'privacy'] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

/**
 * Who endorses a submit: `agencies` targets PublicSecurityMSP and
 * BigDataBureauMSP explicitly (key-level policies); `discovery` lets the
 * peer's gateway choose.
 */
export type Endorsement = 'agencies' | 'discovery';

/** How one transaction is called and who may call it. */
export interface TransactionSpec {
  readonly contract: ContractName;
  readonly kind: 'submit' | 'evaluate';
  /** Arguments in the order the chaincode declares them. */
  readonly args: Readonly<Record<string, ArgumentSpec>>;
  /** Names of transient-map fields (private inputs kept off the ledger); none today. */
  readonly transient: readonly string[];
  /** Who endorses (submits only). */
  readonly endorsement?: Endorsement;
  /** The roles allowed to call it. */
  readonly roles: readonly Role[];
  /** The name of the contract-metadata schema of the result. */
  readonly returns: string;
}

const text = (doc: string): ArgumentSpec => ({ type: 'string', doc });
const json = (doc: string): ArgumentSpec => ({ type: 'json', doc });

const paging = {
  pageSize: {
    type: 'number',
    doc: `1..${LIMITS.maxPageSize}; empty or 0 for ${LIMITS.defaultPageSize}`,
  },
  bookmark: text('from the previous page; empty for the first'),
} as const satisfies Record<string, ArgumentSpec>;

const cardRef = { cardRef: text('keyed card reference') };
const unitWindow = {
  unitId: text('relying unit id'),
  from: text('UTC instant, inclusive'),
  to: text('UTC instant, inclusive'),
  ...paging,
};
const printedDates = {
  validFrom: text('printed first day, YYYY-MM-DD'),
  validUntil: text('printed last day, YYYY-MM-DD or LONG_TERM'),
};
const issued = {
  cardRef: text('keyed reference of the new card'),
  personRef: text('keyed reference of the holder'),
  nameCheck: text('keyed name check value'),
  kind: text('RESIDENT_CARD or TEMPORARY_CERTIFICATE'),
  ...printedDates,
  reasonCode: text('FIRST_ISSUE, RENEWAL, LOST or STOLEN'),
  occurredAt: text('when the card was issued, UTC instant'),
};
const request = {
  requestId: text("the unit's request id; a repeat of the same request returns the first answer"),
  purpose: text('one of PURPOSES'),
};
const presented = (suffix: string) => ({
  cardRef: text(`keyed card reference as presented${suffix}`),
  personRef: text(`keyed holder reference as presented${suffix}`),
  nameCheck: text(`keyed name check value as presented${suffix}`),
  ...printedDates,
});
const change = (when: string) => ({ ...cardRef, occurredAt: text(`when ${when}, UTC instant`) });
const unitId = { unitId: text('relying unit id') };
const purposes = { allowedPurposes: json('JSON array of PURPOSES') };

const OFFICER = ['officer'] as const;
const VERIFIER = ['verifier'] as const;
const OPERATOR = ['operator'] as const;
const OFFICER_OR_AUDITOR = ['officer', 'auditor'] as const;
const AUDITOR_OR_VERIFIER = ['auditor', 'verifier'] as const;

/** A submit endorsed by both agencies. */
function byAgencies(contract: ContractName, roles: readonly Role[], returns: string) {
  return { contract, kind: 'submit', transient: [], endorsement: 'agencies', roles, returns } as const;
}

/** A submit whose endorsers the peer's gateway chooses. */
function byDiscovery(contract: ContractName, roles: readonly Role[], returns: string) {
  return { contract, kind: 'submit', transient: [], endorsement: 'discovery', roles, returns } as const;
}

/** An evaluation on one peer. */
function query(contract: ContractName, roles: readonly Role[], returns: string) {
  return { contract, kind: 'evaluate', transient: [], roles, returns } as const;
}

/** Every transaction of chaincode `idcard`, by name, in the order the contracts declare them. */
export const TRANSACTIONS = {
  IssueCard: { ...byAgencies('cards', OFFICER, 'Card'), args: issued },
  IssueCardAcrossKeys: {
    ...byAgencies('cards', OFFICER, 'Card'),
    args: {
      ...issued,
      earlierPersonRefs: json(
        `JSON array (at most ${LIMITS.maxEarlierKeys}) of the holder's personRef under earlier pseudonym keys; [] when none`,
      ),
    },
  },
  ReportLost: { ...byAgencies('cards', OFFICER, 'Card'), args: change('the card was lost') },
  ReportStolen: { ...byAgencies('cards', OFFICER, 'Card'), args: change('the card was stolen') },
  WithdrawLossReport: { ...byAgencies('cards', OFFICER, 'Card'), args: change('the card was found') },
  RevokeCard: {
    ...byAgencies('cards', OFFICER, 'Card'),
    args: {
      ...cardRef,
      reasonCode: text('DEATH, HOUSEHOLD_DEREGISTRATION, FRAUD or ISSUED_IN_ERROR'),
      occurredAt: text('when the cause happened, UTC instant'),
    },
  },
  GetCard: { ...query('cards', OFFICER_OR_AUDITOR, 'Card'), args: cardRef },
  GetCardStatusAt: {
    ...query('cards', OFFICER_OR_AUDITOR, 'CardStatusAt'),
    args: { ...cardRef, at: text('UTC instant, not after the transaction time') },
  },
  GetCardHistory: {
    ...query('cards', OFFICER_OR_AUDITOR, 'CardHistoryPage'),
    args: { ...cardRef, ...paging },
  },
  GetPersonCards: {
    ...query('cards', OFFICER_OR_AUDITOR, 'PersonCards'),
    args: { personRef: text('keyed reference of the holder') },
  },
  VerifyCard: {
    ...byDiscovery('verification', VERIFIER, 'VerificationRecord'),
    args: { ...request, ...presented('') },
  },
  VerifyCardAcrossKeys: {
    ...byDiscovery('verification', VERIFIER, 'VerificationRecord'),
    args: {
      ...request,
      ...presented(', current key'),
      earlierRefs: json(
        `JSON array (at most ${LIMITS.maxEarlierKeys}) of { cardRef, personRef, nameCheck } under earlier pseudonym keys; [] when none`,
      ),
    },
  },
  VerifyCards: {
    ...byDiscovery('verification', VERIFIER, 'VerificationBatch'),
    args: {
      purpose: request.purpose,
      items: json('JSON array of { requestId, cardRef, personRef, nameCheck, validFrom, validUntil }'),
    },
  },
  GetVerification: {
    ...query('verification', AUDITOR_OR_VERIFIER, 'VerificationRecord'),
    args: { recordId: text('verification record id') },
  },
  ListVerificationsByCard: {
    ...query('verification', ['auditor'], 'VerificationPage'),
    args: { ...cardRef, ...paging },
  },
  ListVerificationsByUnit: {
    ...query('verification', AUDITOR_OR_VERIFIER, 'VerificationPage'),
    args: unitWindow,
  },
  IssueEidToken: {
    ...byAgencies('eid', OFFICER, 'EidToken'),
    args: {
      tokenHash: text('SHA-256 of the token, lowercase hex'),
      ...cardRef,
      expiresAt: text('UTC instant, at most LIMITS.maxEidTokenLifetimeSeconds after the transaction'),
    },
  },
  VerifyEidToken: {
    ...byDiscovery('eid', VERIFIER, 'VerificationRecord'),
    args: { ...request, tokenHash: text('SHA-256 of the scanned token, lowercase hex') },
  },
  ReportFraud: {
    ...byDiscovery('fraud', VERIFIER, 'FraudReport'),
    args: {
      requestId: request.requestId,
      cardRef: text('keyed card reference as presented'),
      category: text('one of FRAUD_CATEGORIES'),
      recordId: text("the unit's own verification record of this card, or empty"),
    },
  },
  ListFraudReports: { ...query('fraud', OFFICER_OR_AUDITOR, 'FraudReportPage'), args: paging },
  RegisterUnit: {
    ...byAgencies('units', OPERATOR, 'Unit'),
    args: {
      ...unitId,
      category: text('one of UNIT_CATEGORIES'),
      ...purposes,
      displayName: text('name shown to operators and auditors'),
    },
  },
  SetUnitPurposes: { ...byAgencies('units', OPERATOR, 'Unit'), args: { ...unitId, ...purposes } },
  SuspendUnit: {
    ...byAgencies('units', OPERATOR, 'Unit'),
    args: { ...unitId, reason: text('short code, [A-Z_]{1,32}') },
  },
  ReinstateUnit: { ...byAgencies('units', OPERATOR, 'Unit'), args: unitId },
  GetUnit: { ...query('units', ['operator', 'officer', 'auditor', 'verifier'], 'Unit'), args: unitId },
  ListUnits: { ...query('units', ['operator', 'auditor'], 'UnitPage'), args: paging },
  Bootstrap: { ...byAgencies('admin', OPERATOR, 'BootstrapResult'), args: {} },
  AnnounceCardChange: {
    ...byAgencies('privacy', OFFICER, 'NoticeBatch'),
    args: { cardRef: text('keyed reference of the changed (or newly issued) card') },
  },
  ReadCardTrail: {
    ...byAgencies('privacy', OFFICER, 'VerificationPage'),
    args: { ...cardRef, purpose: text('one of TRAIL_READ_PURPOSES'), ...paging },
  },
  ListTrailReads: {
    ...query('privacy', OFFICER_OR_AUDITOR, 'TrailReadPage'),
    args: { ...cardRef, ...paging },
  },
  ListStatusNotices: { ...query('privacy', AUDITOR_OR_VERIFIER, 'StatusNoticePage'), args: unitWindow },
} as const satisfies Readonly<Record<string, TransactionSpec>>;

/** Every transaction name. */
export type TransactionName = keyof typeof TRANSACTIONS;

/** Every transaction name, in table order. */
export const TRANSACTION_NAMES = Object.keys(TRANSACTIONS) as TransactionName[];

/** The argument names of a transaction, in declared order. */
export type ArgumentName<N extends TransactionName> = keyof (typeof TRANSACTIONS)[N]['args'] & string;

/** The argument names of a transaction, in declared order. */
export function argumentNames<N extends TransactionName>(name: N): ArgumentName<N>[] {
  return Object.keys(TRANSACTIONS[name].args) as ArgumentName<N>[];
}

/** Transactions that are endorsed, ordered and committed. */
export type SubmitName = {
  [N in TransactionName]: (typeof TRANSACTIONS)[N]['kind'] extends 'submit' ? N : never;
}[TransactionName];

/** Transactions that are only evaluated on one peer. */
export type QueryName = Exclude<TransactionName, SubmitName>;
