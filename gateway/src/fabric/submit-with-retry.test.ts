/**
 * The retry policy over a fake of our own narrow SubmitPort: each endorse()
 * is a new proposal with a new transaction id; the fake scripts what happens
 * to each transaction.
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { ChaincodeError, LedgerConflictError, LedgerOutcomeUnknownError } from '../ledger/ledger-errors';
import {
  submitWithRetry,
  type EndorsedTransaction,
  type RetryPolicy,
  type SubmitPort,
} from './submit-with-retry';

type Step =
  | { endorse: 'business' | 'diverged' }
  | { submit?: ('timeout' | 'ok')[]; status: ('timeout' | number)[] };

function fabricError(
  name: string,
  code: number,
  message: string,
  transactionId: string,
  details: string[] = [],
) {
  return Object.assign(new Error(message), {
    name,
    code,
    transactionId,
    details: details.map((m) => ({ address: 'peer0:7051', mspId: 'BigDataBureauMSP', message: m })),
  });
}

/** A scripted port: step i describes the i-th proposal. */
class ScriptedPort implements SubmitPort {
  readonly proposals: string[] = [];
  readonly submitted: string[] = [];
  readonly statusAsked: string[] = [];
  constructor(private readonly steps: Step[]) {}

  endorse(): Promise<EndorsedTransaction> {
    const step = this.steps[this.proposals.length];
    const txId = `tx-${this.proposals.length + 1}`;
    this.proposals.push(txId);
    if (!step) throw new Error('unscripted proposal');
    if ('endorse' in step) {
      const detail =
        step.endorse === 'business'
          ? 'chaincode response 500, ILLEGAL_TRANSITION: cannot REVOKE a card in state REPLACED'
          : 'ProposalResponsePayloads do not match';
      return Promise.reject(
        fabricError('EndorseError', GrpcStatus.ABORTED, '10 ABORTED: failed to endorse', txId, [detail]),
      );
    }
    const submits = [...(step.submit ?? ['ok'])];
    const statuses = [...step.status];
    return Promise.resolve({
      transactionId: txId,
      result: Buffer.from(`{"tx":"${txId}"}`),
      getBytes: () => Buffer.from(`prepared ${txId}`),
      submit: () => {
        this.submitted.push(txId);
        const outcome = submits.length > 1 ? submits.shift() : submits[0];
        return outcome === 'timeout'
          ? Promise.reject(
              fabricError('SubmitError', GrpcStatus.DEADLINE_EXCEEDED, 'deadline exceeded', txId),
            )
          : Promise.resolve();
      },
      status: () => {
        this.statusAsked.push(txId);
        const outcome = statuses.shift();
        if (outcome === undefined || outcome === 'timeout') {
          return Promise.reject(
            fabricError('CommitStatusError', GrpcStatus.DEADLINE_EXCEEDED, 'deadline exceeded', txId),
          );
        }
        return Promise.resolve({ blockNumber: 42n, code: outcome, successful: outcome === StatusCode.VALID });
      },
    });
  }
}

const delays: number[] = [];
const policy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 10,
  maxDelayMs: 100,
  maxResubmits: 2,
  sleep: (ms) => {
    delays.push(ms);
    return Promise.resolve();
  },
};

describe('submitWithRetry', () => {
  beforeEach(() => {
    delays.length = 0;
  });

  it('commits on the first proposal when nothing goes wrong', async () => {
    const port = new ScriptedPort([{ status: [StatusCode.VALID] }]);
    const outcome = await submitWithRetry(port, policy);
    expect(outcome).toMatchObject({ transactionId: 'tx-1', blockNumber: 42n, attempts: 1 });
    expect(Buffer.from(outcome.preparedTransaction).toString()).toBe('prepared tx-1');
    expect(port.submitted).toEqual(['tx-1']);
  });

  it('retries an MVCC conflict with a NEW proposal after a backoff', async () => {
    const port = new ScriptedPort([
      { status: [StatusCode.MVCC_READ_CONFLICT] },
      { status: [StatusCode.PHANTOM_READ_CONFLICT] },
      { status: [StatusCode.VALID] },
    ]);
    const outcome = await submitWithRetry(port, policy);
    expect(port.proposals).toEqual(['tx-1', 'tx-2', 'tx-3']);
    expect(outcome.transactionId).toBe('tx-3');
    expect(outcome.attempts).toBe(3);
    expect(delays).toHaveLength(2);
    expect(delays.every((d) => d > 0 && d <= policy.maxDelayMs)).toBe(true);
  });

  it('retries endorsers that answered differently (peers a block apart) with a NEW proposal', async () => {
    const port = new ScriptedPort([{ endorse: 'diverged' }, { status: [StatusCode.VALID] }]);
    const outcome = await submitWithRetry(port, policy);
    expect(port.proposals).toEqual(['tx-1', 'tx-2']);
    expect(port.submitted).toEqual(['tx-2']);
    expect(outcome.attempts).toBe(2);
    expect(delays).toHaveLength(1);
  });

  it('gives up on conflicts after maxAttempts with a conflict error', async () => {
    const port = new ScriptedPort(
      Array.from({ length: 4 }, () => ({ status: [StatusCode.MVCC_READ_CONFLICT] })),
    );
    await expect(submitWithRetry(port, policy)).rejects.toBeInstanceOf(LedgerConflictError);
    expect(port.proposals).toHaveLength(policy.maxAttempts);
  });

  it('never retries a business rejection', async () => {
    const port = new ScriptedPort([{ endorse: 'business' }, { status: [StatusCode.VALID] }]);
    await expect(submitWithRetry(port, policy)).rejects.toMatchObject({
      name: 'ChaincodeError',
      code: 'ILLEGAL_TRANSITION',
    });
    expect(port.proposals).toEqual(['tx-1']);
    expect(port.submitted).toEqual([]);
    await expect(submitWithRetry(new ScriptedPort([{ endorse: 'business' }]), policy)).rejects.toBeInstanceOf(
      ChaincodeError,
    );
  });

  it('never retries other validation failures (endorsement policy)', async () => {
    const port = new ScriptedPort([
      { status: [StatusCode.ENDORSEMENT_POLICY_FAILURE] },
      { status: [StatusCode.VALID] },
    ]);
    await expect(submitWithRetry(port, policy)).rejects.toMatchObject({
      validationCode: 'ENDORSEMENT_POLICY_FAILURE',
    });
    expect(port.proposals).toEqual(['tx-1']);
  });

  it('on a commit-status timeout resubmits the SAME transaction and re-checks it', async () => {
    const port = new ScriptedPort([{ status: ['timeout', StatusCode.VALID] }]);
    const outcome = await submitWithRetry(port, policy);
    expect(port.proposals).toEqual(['tx-1']);
    expect(port.submitted).toEqual(['tx-1', 'tx-1']);
    expect(port.statusAsked).toEqual(['tx-1', 'tx-1']);
    expect(outcome.transactionId).toBe('tx-1');
  });

  it('on a submit timeout sends the same transaction again', async () => {
    const port = new ScriptedPort([{ submit: ['timeout', 'ok'], status: [StatusCode.VALID] }]);
    const outcome = await submitWithRetry(port, policy);
    expect(port.proposals).toEqual(['tx-1']);
    expect(port.submitted).toEqual(['tx-1', 'tx-1']);
    expect(outcome.transactionId).toBe('tx-1');
  });

  it('reports an unknown outcome when the status never comes, without a new proposal', async () => {
    const port = new ScriptedPort([{ status: ['timeout', 'timeout', 'timeout', 'timeout'] }]);
    await expect(submitWithRetry(port, policy)).rejects.toBeInstanceOf(LedgerOutcomeUnknownError);
    expect(port.proposals).toEqual(['tx-1']);
    expect(new Set(port.submitted)).toEqual(new Set(['tx-1']));
  });
});
