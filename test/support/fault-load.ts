/**
 * A steady load of verifications through the REST API for the fault suite:
 * `concurrency` callers, each sending one verification at a time with its
 * own Idempotency-Key and retrying every unanswered or failed request with
 * that same key until it is acknowledged (a client that never gives up, as
 * the API asks). Every acknowledged answer goes into a journal; counters are
 * kept per phase (one phase per injected fault).
 */
import type { ApiClient } from './api-client';

/** A card as a relying unit presents it (personal data: stays in this process). */
export interface PresentedCard {
  readonly idNumber: string;
  readonly name: string;
  readonly validFrom: string;
  readonly validUntil: string;
}

/** One acknowledged verification. */
export interface Acknowledged {
  readonly key: string;
  readonly recordId: string;
  readonly txId: string;
  readonly at: number;
}

/** What one phase saw. */
export interface PhaseFigures {
  readonly phase: string;
  sent: number;
  acknowledged: number;
  retried: number;
  failedByStatus: Record<string, number>;
  /** The longest time without any acknowledgement, ms. */
  longestGapMs: number;
  /** From the fault's end (the node restarted) to the next acknowledgement, ms. */
  recoveryMs: number | null;
}

interface VerificationAnswer {
  readonly result?: { readonly recordId: string };
  readonly txId?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The load; `start` it, switch phases around faults, then `stop` it. */
export class VerificationLoad {
  readonly journal = new Map<string, Acknowledged>();
  readonly phases: PhaseFigures[] = [];
  #running = false;
  #workers: Promise<void>[] = [];
  #seq = 0;
  #lastAck = Date.now();
  #restartedAt: number | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly unitKey: string,
    private readonly cards: readonly PresentedCard[],
    private readonly purpose: string,
    private readonly concurrency: number,
  ) {}

  /** The phase counters are added to. */
  get current(): PhaseFigures {
    const phase = this.phases.at(-1);
    if (phase === undefined) throw new Error('no phase started');
    return phase;
  }

  /** Starts a new phase of counters. */
  phase(name: string): void {
    this.phases.push({
      phase: name,
      sent: 0,
      acknowledged: 0,
      retried: 0,
      failedByStatus: {},
      longestGapMs: 0,
      recoveryMs: null,
    });
    this.#lastAck = Date.now();
    this.#restartedAt = undefined;
  }

  /** Marks the moment the faulty node is back (recovery is measured from here). */
  restarted(): void {
    this.#restartedAt = Date.now();
  }

  /**
   * Resolves once `count` more verifications have been acknowledged.
   * @throws Error when that takes longer than `timeoutMs` (a stuck system)
   */
  async acknowledgements(count: number, timeoutMs: number): Promise<void> {
    const target = this.journal.size + count;
    const deadline = Date.now() + timeoutMs;
    while (this.journal.size < target) {
      if (Date.now() > deadline) {
        throw new Error(
          `only ${String(this.journal.size - target + count)} of ${String(count)} acknowledged in ${String(timeoutMs)} ms`,
        );
      }
      await sleep(200);
    }
  }

  start(): void {
    this.#running = true;
    this.#workers = Array.from({ length: this.concurrency }, () => this.#worker());
  }

  /** Stops sending new requests and waits until every started one is acknowledged. */
  async stop(): Promise<void> {
    this.#running = false;
    await Promise.all(this.#workers);
  }

  async #worker(): Promise<void> {
    while (this.#running) {
      this.#seq += 1;
      const key = `fault-load-${String(this.#seq)}`;
      const card = this.cards[this.#seq % this.cards.length];
      if (card === undefined) throw new Error('no cards');
      this.current.sent += 1;
      await this.#untilAcknowledged(key, card);
    }
  }

  async #untilAcknowledged(key: string, card: PresentedCard): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) this.current.retried += 1;
      let status: string;
      try {
        const res = await this.api.post<VerificationAnswer>(
          '/v1/verifications',
          this.unitKey,
          { ...card, purpose: this.purpose },
          { 'idempotency-key': key },
        );
        if (res.status === 200 && res.body.result !== undefined && res.body.txId !== undefined) {
          this.#acknowledge({ key, recordId: res.body.result.recordId, txId: res.body.txId, at: Date.now() });
          return;
        }
        // A 503 must say when to come back (docs/api.md); one without Retry-After counts apart.
        status =
          res.status === 503 && res.retryAfter === undefined ? '503 without Retry-After' : String(res.status);
      } catch {
        status = 'no answer';
      }
      const counts = this.current.failedByStatus;
      counts[status] = (counts[status] ?? 0) + 1;
      await sleep(Math.min(250 * 2 ** attempt, 2000));
    }
  }

  #acknowledge(ack: Acknowledged): void {
    const earlier = this.journal.get(ack.key);
    if (earlier !== undefined && earlier.recordId !== ack.recordId) {
      throw new Error(`key ${ack.key} acknowledged twice with different records`);
    }
    this.journal.set(ack.key, ack);
    const phase = this.current;
    phase.acknowledged += 1;
    phase.longestGapMs = Math.max(phase.longestGapMs, ack.at - this.#lastAck);
    this.#lastAck = ack.at;
    if (this.#restartedAt !== undefined && phase.recoveryMs === null && ack.at >= this.#restartedAt) {
      phase.recoveryMs = ack.at - this.#restartedAt;
    }
  }
}
