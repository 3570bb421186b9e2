/**
 * The ledger port's view of the chaincode's transactions: the typed
 * arguments and parsed result of each. How each is called (contract, submit
 * or evaluate, argument order, endorsement) is @idcard/common's TRANSACTIONS,
 * which the Fabric adapter reads; a compile-time check keeps the two agreeing.
 */
import {
  TRANSACTIONS,
  argumentNames,
  type CardKind,
  type CardReferences,
  type FraudCategory,
  type PresentedCard,
  type Purpose,
  type ReasonCode,
  type TrailReadPurpose,
  type TransactionName,
  type UnitCategory,
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

/** Arguments of a transaction. */
export type TxArgs<N extends TransactionName> = TransactionTypes[N]['args'];
/** Parsed result of a transaction. */
export type TxResult<N extends TransactionName> = TransactionTypes[N]['result'];

type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
type ExtraNames = Exclude<keyof TransactionTypes, TransactionName>;
type ArgsMismatch = {
  [N in TransactionName]: SameKeys<TxArgs<N>, (typeof TRANSACTIONS)[N]['args']> extends true ? never : N;
}[TransactionName];
type Assert<T extends true> = T;
/** Fails to compile when the port types and the wire table name other transactions or arguments. */
export type PortMatchesWire = Assert<[ExtraNames, ArgsMismatch] extends [never, never] ? true : false>;

export {
  TRANSACTIONS,
  type ContractName,
  type Endorsement,
  type QueryName,
  type SubmitName,
  type TransactionName,
} from '@idcard/common';
export type { CardReferences, PresentedCard } from '@idcard/common';

/**
 * The chaincode's string arguments of a call, in declared order: strings as
 * they are, numbers in decimal, arrays and objects as JSON text.
 */
export function encodeArguments<N extends TransactionName>(name: N, args: TxArgs<N>): string[] {
  const order: readonly string[] = argumentNames(name);
  const values = args as Readonly<Record<string, unknown>>;
  return order.map((key) => {
    const value = values[key];
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    return JSON.stringify(value ?? '');
  });
}
