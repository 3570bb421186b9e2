/**
 * A fake of the LedgerClient port (the only thing route tests fake): records
 * every call, answers with records shaped like the chaincode's, and can be
 * told to fail. Events come from an in-memory chain through the real
 * positionedEvents logic.
 */
import type {
  Committed,
  EventsOptions,
  LedgerClient,
  LedgerEvent,
  LedgerIdentity,
  Readiness,
} from '../ledger/ledger-client';
import { ChaincodeError } from '../ledger/ledger-errors';
import type { PersonCards, StatusNotice, TrailRead, Unit, VerificationRecord } from '../ledger/records';
import type { QueryName, SubmitName, TransactionName, TxArgs, TxResult } from '../ledger/transactions';
import { positionedEvents } from '../fabric/event-source';
import { FakeEventChain } from './fake-event-chain';
import { TX_TIME, fakeCard, fakeUnit, page, pageOf } from './fake-records';

/** One recorded call. */
export interface RecordedCall {
  readonly kind: 'evaluate' | 'submit';
  readonly identity: LedgerIdentity;
  readonly name: TransactionName;
  readonly args: Readonly<Record<string, unknown>>;
  /** False when the call was refused (failWith): nothing was written. */
  readonly succeeded: boolean;
}

const REF_B = `k1.${'b'.repeat(64)}`;
const card = fakeCard;
const unit = fakeUnit;

/** The fake port. */
export class FakeLedger implements LedgerClient {
  readonly calls: RecordedCall[] = [];
  readonly chain = new FakeEventChain();
  /** Answer of verifications: the result and reason per call. */
  verdict: { result: VerificationRecord['result']; reason: string | null } = {
    result: 'VALID',
    reason: null,
  };
  /** When set, the next calls throw this error. */
  failWith: Error | undefined;
  /** Calls of these transactions throw the error given (the others succeed). */
  readonly failOn = new Map<TransactionName, Error>();
  /** When set, ListVerificationsByUnit pages through these (bookmark = next index). */
  unitRecords: VerificationRecord[] | undefined;
  /** ListStatusNotices pages through these (bookmark = next index). */
  statusNotices: StatusNotice[] = [];
  /** ListTrailReads pages through these. */
  trailReads: TrailRead[] = [];
  /** GetCard answers NOT_FOUND for these card references. */
  readonly missingCards = new Set<string>();
  /** GetPersonCards answers these cards for a personRef (none otherwise). */
  readonly personCards = new Map<string, PersonCards['cards']>();
  /** GetUnit answers these units SUSPENDED. */
  readonly suspendedUnits = new Set<string>();
  /** When set, a submit's transaction: its id and envelope, made from the result (receipts). */
  transactionFor: ((result: unknown) => { txId: string; envelope: Uint8Array }) | undefined;
  ready = true;
  /** Number of readiness probes answered. */
  readinessCalls = 0;
  #block = 100;
  #bootstrapped = false;

  /** Submits that committed (refused ones are in `calls` only). */
  get submits(): RecordedCall[] {
    return this.calls.filter((c) => c.kind === 'submit' && c.succeeded);
  }

  async evaluate<N extends QueryName>(
    identity: LedgerIdentity,
    name: N,
    args: TxArgs<N>,
  ): Promise<TxResult<N>> {
    const failure = this.failWith ?? this.failOn.get(name);
    this.calls.push({
      kind: 'evaluate',
      identity,
      name,
      args: args as Record<string, unknown>,
      succeeded: !failure,
    });
    await Promise.resolve();
    if (failure) throw failure;
    return this.#answer(name, args as Record<string, unknown>, identity) as TxResult<N>;
  }

  async submit<N extends SubmitName>(
    identity: LedgerIdentity,
    name: N,
    args: TxArgs<N>,
  ): Promise<Committed<TxResult<N>>> {
    const failure = this.failWith ?? this.failOn.get(name);
    this.calls.push({
      kind: 'submit',
      identity,
      name,
      args: args as Record<string, unknown>,
      succeeded: !failure,
    });
    await Promise.resolve();
    if (failure) throw failure;
    this.#block += 1;
    const result = this.#answer(name, args as Record<string, unknown>, identity) as TxResult<N>;
    const transaction = this.transactionFor?.(result);
    return {
      result,
      txId: transaction?.txId ?? `tx${this.#block}`,
      blockNumber: this.#block,
      ...(transaction === undefined ? {} : { envelope: transaction.envelope }),
    };
  }

  events(_identity: LedgerIdentity, options: EventsOptions): AsyncIterable<LedgerEvent> {
    return positionedEvents((start) => Promise.resolve(this.chain.open(start)), options);
  }

  readiness(): Promise<Readiness> {
    this.readinessCalls += 1;
    return Promise.resolve({
      ready: this.ready,
      peers: [{ name: 'peer0', reachable: this.ready }],
      chaincode: this.ready,
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #record(args: Record<string, unknown>, identity: LedgerIdentity, index = 0): VerificationRecord {
    const unitId = identity.id.startsWith('unit-') ? identity.id.slice(5).toUpperCase() : 'BANK-001';
    return {
      recordId: `rec-${this.#block}-${index}`,
      requestId: String(args.requestId),
      unitId,
      purpose: (args.purpose ?? 'ACCOUNT_OPENING') as VerificationRecord['purpose'],
      channel: args.tokenHash === undefined ? 'CARD' : 'EID_TOKEN',
      cardRef: typeof args.cardRef === 'string' ? args.cardRef : null,
      result: this.verdict.result,
      reason: this.verdict.reason,
      txId: `tx${this.#block}`,
      txTime: TX_TIME,
      replayed: false,
    };
  }

  #issued(args: Record<string, unknown>) {
    return card(String(args.cardRef), {
      personRef: String(args.personRef),
      validFrom: String(args.validFrom),
      validUntil: String(args.validUntil),
    });
  }

  #answer(name: TransactionName, args: Record<string, unknown>, identity: LedgerIdentity): unknown {
    return this.#answers[name](args, identity);
  }

  readonly #answers: Readonly<
    Record<TransactionName, (args: Record<string, unknown>, identity: LedgerIdentity) => unknown>
  > = {
    VerifyCard: (args, identity) => this.#record(args, identity),
    VerifyEidToken: (args, identity) => this.#record(args, identity),
    VerifyCards: (args, identity) => ({
      records: (args.items as Record<string, unknown>[]).map((item, i) =>
        this.#record({ ...item, purpose: args.purpose }, identity, i),
      ),
    }),
    GetVerification: (args, identity) => ({
      ...this.#record({ requestId: 'r1' }, identity),
      unitId: 'BANK-001',
      recordId: String(args.recordId),
    }),
    ListVerificationsByUnit: (args, identity) => {
      if (this.unitRecords === undefined)
        return page([this.#record({ requestId: 'r1', cardRef: REF_B }, identity)]);
      return pageOf(this.unitRecords, args);
    },
    ListVerificationsByCard: (_args, identity) =>
      page([this.#record({ requestId: 'r1', cardRef: REF_B }, identity)]),
    IssueCard: (args) => this.#issued(args),
    IssueCardAcrossKeys: (args) => this.#issued(args),
    VerifyCardAcrossKeys: (args, identity) => this.#record(args, identity),
    ReadCardTrail: (args, identity) =>
      page([this.#record({ requestId: 'r1', cardRef: args.cardRef }, identity)]),
    ListTrailReads: (args) => pageOf(this.trailReads, args),
    ListStatusNotices: (args) => pageOf(this.statusNotices, args),
    AnnounceCardChange: () => ({ notices: [] }),
    ReportLost: (args) =>
      card(String(args.cardRef), { state: 'LOST', effectiveState: 'LOST', lastAction: 'REPORT_LOST' }),
    ReportStolen: (args) =>
      card(String(args.cardRef), { state: 'STOLEN', effectiveState: 'STOLEN', lastAction: 'REPORT_STOLEN' }),
    WithdrawLossReport: (args) => card(String(args.cardRef), { lastAction: 'WITHDRAW_LOSS' }),
    RevokeCard: (args) =>
      card(String(args.cardRef), { state: 'REVOKED', effectiveState: 'REVOKED', lastAction: 'REVOKE' }),
    GetCard: (args) => {
      const cardRef = String(args.cardRef);
      if (this.missingCards.has(cardRef)) throw new ChaincodeError('NOT_FOUND', `no card ${cardRef}`);
      return card(cardRef);
    },
    GetCardStatusAt: (args) => ({
      cardRef: String(args.cardRef),
      at: String(args.at),
      state: 'VALID',
      effectiveState: 'VALID',
      txId: 'tx1',
    }),
    GetCardHistory: () => page([]),
    GetPersonCards: (args) => ({
      personRef: String(args.personRef),
      cards: this.personCards.get(String(args.personRef)) ?? [],
    }),
    IssueEidToken: (args) => ({
      tokenHash: String(args.tokenHash),
      cardRef: String(args.cardRef),
      expiresAt: String(args.expiresAt),
      issuedAt: TX_TIME,
      usedAt: null,
      usedBy: null,
    }),
    ReportFraud: (args) => ({
      reportId: 'fr1',
      requestId: String(args.requestId),
      unitId: 'BANK-001',
      cardRef: String(args.cardRef),
      category: args.category,
      recordId: args.recordId === '' ? null : args.recordId,
      txId: `tx${this.#block}`,
      txTime: TX_TIME,
      replayed: false,
    }),
    ListFraudReports: () => page([]),
    ListUnits: () => page([]),
    RegisterUnit: (args) =>
      unit(String(args.unitId), { allowedPurposes: args.allowedPurposes as Unit['allowedPurposes'] }),
    SetUnitPurposes: (args) =>
      unit(String(args.unitId), { allowedPurposes: args.allowedPurposes as Unit['allowedPurposes'] }),
    SuspendUnit: (args) =>
      unit(String(args.unitId), { state: 'SUSPENDED', suspensionReason: String(args.reason) }),
    ReinstateUnit: (args) => unit(String(args.unitId)),
    GetUnit: (args) => {
      const unitId = String(args.unitId);
      return this.suspendedUnits.has(unitId)
        ? unit(unitId, { state: 'SUSPENDED', suspensionReason: 'REVIEW' })
        : unit(unitId);
    },
    Bootstrap: () => {
      const created = !this.#bootstrapped;
      this.#bootstrapped = true;
      return { guards: ['guard/cards', 'guard/units'], created };
    },
  };
}
