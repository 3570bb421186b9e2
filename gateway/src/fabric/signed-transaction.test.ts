/**
 * Peer failover of one signed transaction, over fakes of our own narrow
 * ports (SendableTransaction, CommitHandle, PeerRoute): every peer receives
 * the same bytes, and only an unreachable peer moves the call on.
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { ChaincodeError, LedgerOutcomeUnknownError, LedgerUnavailableError } from '../ledger/ledger-errors';
import {
  failoverTransaction,
  type CommitHandle,
  type CommitStatus,
  type PeerRoute,
  type SendableTransaction,
} from './signed-transaction';

type Behaviour = 'ok' | 'unavailable' | 'deadline' | 'business';

function clientError(name: string, behaviour: Exclude<Behaviour, 'ok'>): Error {
  const code = behaviour === 'deadline' ? GrpcStatus.DEADLINE_EXCEEDED : GrpcStatus.UNAVAILABLE;
  const err = Object.assign(new Error(`${code} failed`), {
    name,
    code: behaviour === 'business' ? GrpcStatus.ABORTED : code,
    transactionId: 'tx-1',
    details:
      behaviour === 'business'
        ? [{ address: 'p0', mspId: 'PublicSecurityMSP', message: 'ILLEGAL_TRANSITION: cannot REVOKE' }]
        : [],
  });
  return err;
}

/** A fake network of peers, each scripted for submit and commit status. */
class FakePeers {
  readonly sent: { peer: number; bytes: string }[] = [];
  readonly asked: { peer: number; bytes: string }[] = [];
  constructor(
    private readonly submitBehaviour: Behaviour[],
    private readonly statusBehaviour: Behaviour[],
  ) {}

  commit(peer: number, bytes: string): CommitHandle {
    return {
      getBytes: () => Buffer.from(bytes),
      getStatus: (): Promise<CommitStatus> => {
        this.asked.push({ peer, bytes });
        const behaviour = this.statusBehaviour[peer] ?? 'ok';
        if (behaviour !== 'ok') return Promise.reject(clientError('CommitStatusError', behaviour));
        return Promise.resolve({ blockNumber: 7n, code: StatusCode.VALID, successful: true });
      },
    };
  }

  transaction(peer: number, bytes: string): SendableTransaction {
    return {
      getTransactionId: () => 'tx-1',
      getResult: () => Buffer.from('{"ok":true}'),
      getBytes: () => Buffer.from(bytes),
      submit: () => {
        this.sent.push({ peer, bytes });
        const behaviour = this.submitBehaviour[peer] ?? 'ok';
        if (behaviour !== 'ok') return Promise.reject(clientError('SubmitError', behaviour));
        return Promise.resolve(this.commit(peer, `status-of-${bytes}`));
      },
    };
  }

  route(order: number[]): PeerRoute {
    return {
      order,
      transactionOn: (peer, bytes) => this.transaction(peer, Buffer.from(bytes).toString()),
      commitOn: (peer, bytes) => this.commit(peer, Buffer.from(bytes).toString()),
    };
  }
}

describe('failoverTransaction', () => {
  it('sends through the endorsing peer and asks it for the status when it is up', async () => {
    const peers = new FakePeers([], []);
    const tx = failoverTransaction(peers.transaction(1, 'signed-tx-1'), peers.route([1, 2, 0]));
    await tx.submit();
    await expect(tx.status()).resolves.toMatchObject({ successful: true, blockNumber: 7n });
    expect(peers.sent).toEqual([{ peer: 1, bytes: 'signed-tx-1' }]);
    expect(peers.asked).toEqual([{ peer: 1, bytes: 'status-of-signed-tx-1' }]);
    expect(tx.transactionId).toBe('tx-1');
  });

  it('sends the SAME signed bytes through the next peer when the endorsing peer is unavailable', async () => {
    const peers = new FakePeers(['unavailable', 'deadline', 'ok'], []);
    const tx = failoverTransaction(peers.transaction(0, 'signed-tx-1'), peers.route([0, 1, 2]));
    await tx.submit();
    expect(peers.sent).toEqual([
      { peer: 0, bytes: 'signed-tx-1' },
      { peer: 1, bytes: 'signed-tx-1' },
      { peer: 2, bytes: 'signed-tx-1' },
    ]);
    await tx.status();
    expect(peers.asked[0]).toEqual({ peer: 2, bytes: 'status-of-signed-tx-1' });
  });

  it('never moves a business rejection to another peer', async () => {
    const peers = new FakePeers(['business', 'ok'], []);
    const tx = failoverTransaction(peers.transaction(0, 'signed-tx-1'), peers.route([0, 1]));
    await expect(tx.submit()).rejects.toBeInstanceOf(ChaincodeError);
    expect(peers.sent).toHaveLength(1);
  });

  it('is unavailable when every peer is', async () => {
    const peers = new FakePeers(['unavailable', 'unavailable'], []);
    const tx = failoverTransaction(peers.transaction(0, 'signed-tx-1'), peers.route([0, 1]));
    await expect(tx.submit()).rejects.toBeInstanceOf(LedgerUnavailableError);
    expect(peers.sent.map((s) => s.peer)).toEqual([0, 1]);
  });

  it('asks another peer for the commit status, with the same signed request, when the first is unreachable', async () => {
    const peers = new FakePeers([], ['unavailable', 'ok']);
    const tx = failoverTransaction(peers.transaction(0, 'signed-tx-1'), peers.route([0, 1]));
    await tx.submit();
    await expect(tx.status()).resolves.toMatchObject({ successful: true });
    expect(peers.asked).toEqual([
      { peer: 0, bytes: 'status-of-signed-tx-1' },
      { peer: 1, bytes: 'status-of-signed-tx-1' },
    ]);
  });

  it('reports an unknown outcome on a status deadline without asking elsewhere (the retry loop resubmits)', async () => {
    const peers = new FakePeers([], ['deadline', 'ok']);
    const tx = failoverTransaction(peers.transaction(0, 'signed-tx-1'), peers.route([0, 1]));
    await tx.submit();
    await expect(tx.status()).rejects.toBeInstanceOf(LedgerOutcomeUnknownError);
    expect(peers.asked.map((a) => a.peer)).toEqual([0]);
  });

  it('refuses a status before any submit', async () => {
    const peers = new FakePeers([], []);
    const tx = failoverTransaction(peers.transaction(0, 'signed-tx-1'), peers.route([0]));
    await expect(tx.status()).rejects.toBeInstanceOf(LedgerUnavailableError);
  });
});
