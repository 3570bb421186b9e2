/**
 * The chaincode's transactions (docs/transactions.md) written once: contract,
 * submit or evaluate, argument order and endorsing organisations. The port
 * types and the Fabric adapter are both derived from this table.
 */
import type {
  CardKind,
  FraudCategory,
  Purpose,
  ReasonCode,
  TrailReadPurpose,
  UnitCategory,
} from '@idcard/common';
import type {
  Card,
  CardHistoryEntry,
  NoticeBatch,
  CardStatusAt,
  EidToken,
  FraudReport,
  Page,
  PersonCards,
  StatusNotice,
  TrailRead,
  Unit,
  VerificationRecord,
} from './records';

/** The card as presented to a relying unit, in pseudonymous form. */
export interface PresentedCard {
  readonly cardRef: string;
  readonly personRef: string;
  readonly nameCheck: string;
  readonly validFrom: string;
  readonly validUntil: string;
}

/** A card's three references under one pseudonym key. */
export interface CardReferences {
  readonly cardRef: string;
  readonly personRef: string;
  readonly nameCheck: string;
}

/** A presented card with its references under the gateway's earlier pseudonym keys. */
export type PresentedAcrossKeys = PresentedCard & { readonly earlierRefs: readonly CardReferences[] };

/** One item of a bulk verification (earlierRefs left out when there are none). */
export type BulkItem = PresentedCard & {
  readonly requestId: string;
  readonly earlierRefs?: readonly CardReferences[];
};

interface Paging {
  readonly pageSize: number;
  readonly bookmark: string;
}

type IssueArgs = PresentedCard & { kind: CardKind; reasonCode: ReasonCode; occurredAt: string };

/** Arguments and result of every transaction, by transaction name. */
export interface TransactionTypes {
  IssueCard: { args: IssueArgs; result: Card };
  IssueCardAcrossKeys: { args: IssueArgs & { earlierPersonRefs: readonly string[] }; result: Card };
  ReportLost: { args: { cardRef: string; occurredAt: string }; result: Card };
  ReportStolen: { args: { cardRef: string; occurredAt: string }; result: Card };
  WithdrawLossReport: { args: { cardRef: string; occurredAt: string }; result: Card };
  RevokeCard: { args: { cardRef: string; reasonCode: ReasonCode; occurredAt: string }; result: Card };
  GetCard: { args: { cardRef: string }; result: Card };
  GetCardStatusAt: { args: { cardRef: string; at: string }; result: CardStatusAt };
  GetCardHistory: { args: { cardRef: string } & Paging; result: Page<CardHistoryEntry> };
  GetPersonCards: { args: { personRef: string }; result: PersonCards };
  VerifyCard: { args: PresentedCard & { requestId: string; purpose: Purpose }; result: VerificationRecord };
  VerifyCardAcrossKeys: {
    args: PresentedAcrossKeys & { requestId: string; purpose: Purpose };
    result: VerificationRecord;
  };
  VerifyCards: {
    args: { purpose: Purpose; items: readonly BulkItem[] };
    result: { records: VerificationRecord[] };
  };
  GetVerification: { args: { recordId: string }; result: VerificationRecord };
  ListVerificationsByCard: { args: { cardRef: string } & Paging; result: Page<VerificationRecord> };
  ListVerificationsByUnit: {
    args: { unitId: string; from: string; to: string } & Paging;
    result: Page<VerificationRecord>;
  };
  IssueEidToken: { args: { tokenHash: string; cardRef: string; expiresAt: string }; result: EidToken };
  VerifyEidToken: {
    args: { requestId: string; purpose: Purpose; tokenHash: string };
    result: VerificationRecord;
  };
  ReportFraud: {
    args: { requestId: string; cardRef: string; category: FraudCategory; recordId: string };
    result: FraudReport;
  };
  ListFraudReports: { args: Paging; result: Page<FraudReport> };
  RegisterUnit: {
    args: {
      unitId: string;
      category: UnitCategory;
      allowedPurposes: readonly Purpose[];
      displayName: string;
    };
    result: Unit;
  };
  SetUnitPurposes: { args: { unitId: string; allowedPurposes: readonly Purpose[] }; result: Unit };
  SuspendUnit: { args: { unitId: string; reason: string }; result: Unit };
  ReinstateUnit: { args: { unitId: string }; result: Unit };
  GetUnit: { args: { unitId: string }; result: Unit };
  ListUnits: { args: Paging; result: Page<Unit> };
  Bootstrap: { args: Record<never, never>; result: { guards: string[]; created: boolean } };
  AnnounceCardChange: { args: { cardRef: string }; result: NoticeBatch };
  ReadCardTrail: {
    args: { cardRef: string; purpose: TrailReadPurpose } & Paging;
    result: Page<VerificationRecord>;
  };
  ListTrailReads: { args: { cardRef: string } & Paging; result: Page<TrailRead> };
  ListStatusNotices: {
    args: { unitId: string; from: string; to: string } & Paging;
    result: Page<StatusNotice>;
  };
}

/** Every transaction name. */
export type TransactionName = keyof TransactionTypes;
/** Arguments of a transaction. */
export type TxArgs<N extends TransactionName> = TransactionTypes[N]['args'];
/** Parsed result of a transaction. */
export type TxResult<N extends TransactionName> = TransactionTypes[N]['result'];

/** Contracts of the `idcard` chaincode. */
export type ContractName = 'cards' | 'verification' | 'eid' | 'fraud' | 'units' | 'admin' | 'privacy';

/**
 * Who endorses a submit: `agencies` targets PublicSecurityMSP and
 * BigDataBureauMSP explicitly (key-level policies); `discovery` lets the
 * peer's gateway choose.
 */
export type Endorsement = 'agencies' | 'discovery';

/** How one transaction is called. */
export interface TransactionSpec<N extends TransactionName> {
  readonly contract: ContractName;
  readonly kind: 'submit' | 'evaluate';
  readonly args: readonly (keyof TxArgs<N> & string)[];
  readonly endorsement?: Endorsement;
}

const paging = ['pageSize', 'bookmark'] as const;
const presented = ['cardRef', 'personRef', 'nameCheck', 'validFrom', 'validUntil'] as const;
const issued = [
  'cardRef',
  'personRef',
  'nameCheck',
  'kind',
  'validFrom',
  'validUntil',
  'reasonCode',
  'occurredAt',
] as const;

/** The table of transactions, in the argument order the chaincode declares. */
export const TRANSACTIONS = {
  IssueCard: { contract: 'cards', kind: 'submit', args: issued, endorsement: 'agencies' },
  IssueCardAcrossKeys: {
    contract: 'cards',
    kind: 'submit',
    args: [...issued, 'earlierPersonRefs'],
    endorsement: 'agencies',
  },
  ReportLost: { contract: 'cards', kind: 'submit', args: ['cardRef', 'occurredAt'], endorsement: 'agencies' },
  ReportStolen: {
    contract: 'cards',
    kind: 'submit',
    args: ['cardRef', 'occurredAt'],
    endorsement: 'agencies',
  },
  WithdrawLossReport: {
    contract: 'cards',
    kind: 'submit',
    args: ['cardRef', 'occurredAt'],
    endorsement: 'agencies',
  },
  RevokeCard: {
    contract: 'cards',
    kind: 'submit',
    args: ['cardRef', 'reasonCode', 'occurredAt'],
    endorsement: 'agencies',
  },
  GetCard: { contract: 'cards', kind: 'evaluate', args: ['cardRef'] },
  GetCardStatusAt: { contract: 'cards', kind: 'evaluate', args: ['cardRef', 'at'] },
  GetCardHistory: { contract: 'cards', kind: 'evaluate', args: ['cardRef', ...paging] },
  GetPersonCards: { contract: 'cards', kind: 'evaluate', args: ['personRef'] },
  VerifyCard: {
    contract: 'verification',
    kind: 'submit',
    args: ['requestId', 'purpose', ...presented],
    endorsement: 'discovery',
  },
  VerifyCardAcrossKeys: {
    contract: 'verification',
    kind: 'submit',
    args: ['requestId', 'purpose', ...presented, 'earlierRefs'],
    endorsement: 'discovery',
  },
  VerifyCards: {
    contract: 'verification',
    kind: 'submit',
    args: ['purpose', 'items'],
    endorsement: 'discovery',
  },
  GetVerification: { contract: 'verification', kind: 'evaluate', args: ['recordId'] },
  ListVerificationsByCard: { contract: 'verification', kind: 'evaluate', args: ['cardRef', ...paging] },
  ListVerificationsByUnit: {
    contract: 'verification',
    kind: 'evaluate',
    args: ['unitId', 'from', 'to', ...paging],
  },
  IssueEidToken: {
    contract: 'eid',
    kind: 'submit',
    args: ['tokenHash', 'cardRef', 'expiresAt'],
    endorsement: 'agencies',
  },
  VerifyEidToken: {
    contract: 'eid',
    kind: 'submit',
    args: ['requestId', 'purpose', 'tokenHash'],
    endorsement: 'discovery',
  },
  ReportFraud: {
    contract: 'fraud',
    kind: 'submit',
    args: ['requestId', 'cardRef', 'category', 'recordId'],
    endorsement: 'discovery',
  },
  ListFraudReports: { contract: 'fraud', kind: 'evaluate', args: [...paging] },
  RegisterUnit: {
    contract: 'units',
    kind: 'submit',
    args: ['unitId', 'category', 'allowedPurposes', 'displayName'],
    endorsement: 'agencies',
  },
  SetUnitPurposes: {
    contract: 'units',
    kind: 'submit',
    args: ['unitId', 'allowedPurposes'],
    endorsement: 'agencies',
  },
  SuspendUnit: { contract: 'units', kind: 'submit', args: ['unitId', 'reason'], endorsement: 'agencies' },
  ReinstateUnit: { contract: 'units', kind: 'submit', args: ['unitId'], endorsement: 'agencies' },
  GetUnit: { contract: 'units', kind: 'evaluate', args: ['unitId'] },
  ListUnits: { contract: 'units', kind: 'evaluate', args: [...paging] },
  Bootstrap: { contract: 'admin', kind: 'submit', args: [], endorsement: 'agencies' },
  AnnounceCardChange: { contract: 'privacy', kind: 'submit', args: ['cardRef'], endorsement: 'agencies' },
  ReadCardTrail: {
    contract: 'privacy',
    kind: 'submit',
    args: ['cardRef', 'purpose', ...paging],
    endorsement: 'agencies',
  },
  ListTrailReads: { contract: 'privacy', kind: 'evaluate', args: ['cardRef', ...paging] },
  ListStatusNotices: {
    contract: 'privacy',
    kind: 'evaluate',
    args: ['unitId', 'from', 'to', ...paging],
  },
} as const satisfies { readonly [N in TransactionName]: TransactionSpec<N> };

type Specs = typeof TRANSACTIONS;
/** Transactions that are endorsed, ordered and committed. */
export type SubmitName = {
  [N in TransactionName]: Specs[N]['kind'] extends 'submit' ? N : never;
}[TransactionName];
/** Transactions that are only evaluated on one peer. */
export type QueryName = Exclude<TransactionName, SubmitName>;

/**
 * The chaincode's string arguments of a call, in declared order: strings as
 * they are, numbers in decimal, arrays and objects as JSON text.
 */
export function encodeArguments<N extends TransactionName>(name: N, args: TxArgs<N>): string[] {
  const order: readonly string[] = TRANSACTIONS[name].args;
  const values = args as Readonly<Record<string, unknown>>;
  return order.map((key) => {
    const value = values[key];
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    return JSON.stringify(value ?? '');
  });
}
