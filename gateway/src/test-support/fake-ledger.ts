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
import type { Card, Unit, VerificationRecord } from '../ledger/records';
import type { QueryName, SubmitName, TransactionName, TxArgs, TxResult } from '../ledger/transactions';
import { positionedEvents, type RawChaincodeEvent, type RawEventStream } from '../fabric/event-source';

/** One recorded call. */
export interface RecordedCall {
  readonly kind: 'evaluate' | 'submit';
  readonly identity: LedgerIdentity;
  readonly name: TransactionName;
  readonly args: Readonly<Record<string, unknown>>;
  /** False when the call was refused (failWith): nothing was written. */
  readonly succeeded: boolean;
}

const TX_TIME = '2026-03-01T04:00:00.000Z';
const REF_B = `k1.${'b'.repeat(64)}`;
const page = (items: unknown[]) => ({ items, bookmark: '', pageSize: 50 });

function card(cardRef: string, extra: Partial<Card> = {}): Card {
  return {
    cardRef,
    personRef: 'k1.' + 'a'.repeat(64),
    kind: 'RESIDENT_CARD',
    state: 'VALID',
    effectiveState: 'VALID',
    validFrom: '2020-01-01',
    validUntil: '2040-01-01',
    issuedAt: TX_TIME,
    updatedAt: TX_TIME,
    lastAction: 'ISSUE',
    lastReason: 'FIRST_ISSUE',
    occurredAt: TX_TIME,
    officerUnit: 'PSB-110000',
    ...extra,
  };
}

function unit(unitId: string, extra: Partial<Unit> = {}): Unit {
  return {
    unitId,
    category: 'BANK',
    displayName: 'Unit',
    allowedPurposes: ['ACCOUNT_OPENING'],
    state: 'ACTIVE',
    suspensionReason: null,
    registeredAt: TX_TIME,
    updatedAt: TX_TIME,
    ...extra,
  };
}

/** An in-memory chain of chaincode events, appended block by block. */
export class FakeEventChain {
  readonly blocks: RawChaincodeEvent[][] = [];
  #listeners = new Set<() => void>();

  /** Appends a block holding the given events; returns its number. */
  appendBlock(events: readonly { name: string; payload: Record<string, unknown> }[]): number {
    const blockNumber = this.blocks.length;
    this.blocks.push(
      events.map((e, i) => ({
        blockNumber: BigInt(blockNumber),
        transactionId: `tx-${blockNumber}-${i}`,
        eventName: e.name,
        payload: Buffer.from(JSON.stringify(e.payload)),
      })),
    );
    for (const listener of this.#listeners) listener();
    return blockNumber;
  }

  /** Opens a stream like the peer: from startBlock, or from the next block. */
  open(startBlock: bigint | undefined): RawEventStream {
    let next = startBlock === undefined ? this.blocks.length : Number(startBlock);
    let closed = false;
    let wake: (() => void) | undefined;
    const listener = () => wake?.();
    this.#listeners.add(listener);
    const blocks = this.blocks;
    const listeners = this.#listeners;
    return {
      close: () => {
        closed = true;
        listeners.delete(listener);
        wake?.();
      },
      async *[Symbol.asyncIterator]() {
        while (!closed) {
          const block = blocks[next];
          if (block) {
            next += 1;
            yield* block;
          } else {
            await new Promise<void>((resolve) => (wake = resolve));
          }
        }
      },
    };
  }
}

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
  /** When set, ListVerificationsByUnit pages through these (bookmark = next index). */
  unitRecords: VerificationRecord[] | undefined;
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
    this.calls.push({
      kind: 'evaluate',
      identity,
      name,
      args: args as Record<string, unknown>,
      succeeded: !this.failWith,
    });
    await Promise.resolve();
    if (this.failWith) throw this.failWith;
    return this.#answer(name, args as Record<string, unknown>, identity) as TxResult<N>;
  }

  async submit<N extends SubmitName>(
    identity: LedgerIdentity,
    name: N,
    args: TxArgs<N>,
  ): Promise<Committed<TxResult<N>>> {
    this.calls.push({
      kind: 'submit',
      identity,
      name,
      args: args as Record<string, unknown>,
      succeeded: !this.failWith,
    });
    await Promise.resolve();
    if (this.failWith) throw this.failWith;
    this.#block += 1;
    return {
      result: this.#answer(name, args as Record<string, unknown>, identity) as TxResult<N>,
      txId: `tx${this.#block}`,
      blockNumber: this.#block,
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
      const start = Number(args.bookmark === '' ? 0 : args.bookmark);
      const end = start + Number(args.pageSize);
      const items = this.unitRecords.slice(start, end);
      return { items, bookmark: end < this.unitRecords.length ? String(end) : '', pageSize: args.pageSize };
    },
    ListVerificationsByCard: (_args, identity) =>
      page([this.#record({ requestId: 'r1', cardRef: REF_B }, identity)]),
    IssueCard: (args) =>
      card(String(args.cardRef), {
        personRef: String(args.personRef),
        validFrom: String(args.validFrom),
        validUntil: String(args.validUntil),
      }),
    ReportLost: (args) =>
      card(String(args.cardRef), { state: 'LOST', effectiveState: 'LOST', lastAction: 'REPORT_LOST' }),
    ReportStolen: (args) =>
      card(String(args.cardRef), { state: 'STOLEN', effectiveState: 'STOLEN', lastAction: 'REPORT_STOLEN' }),
    WithdrawLossReport: (args) => card(String(args.cardRef), { lastAction: 'WITHDRAW_LOSS' }),
    RevokeCard: (args) =>
      card(String(args.cardRef), { state: 'REVOKED', effectiveState: 'REVOKED', lastAction: 'REVOKE' }),
    GetCard: (args) => card(String(args.cardRef)),
    GetCardStatusAt: (args) => ({
      cardRef: String(args.cardRef),
      at: String(args.at),
      state: 'VALID',
      effectiveState: 'VALID',
      txId: 'tx1',
    }),
    GetCardHistory: () => page([]),
    GetPersonCards: (args) => ({ personRef: String(args.personRef), cards: [] }),
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
    GetUnit: (args) => unit(String(args.unitId)),
    Bootstrap: () => {
      const created = !this.#bootstrapped;
      this.#bootstrapped = true;
      return { guards: ['guard/cards', 'guard/units'], created };
    },
  };
}
