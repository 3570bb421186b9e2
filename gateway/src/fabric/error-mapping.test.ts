/**
 * Error shapes as fabric-gateway 1.11 builds them (name, gRPC code, per-peer
 * details, transaction id, validation code), mapped to typed ledger errors.
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import { StatusCode } from '@hyperledger/fabric-gateway';
import {
  ChaincodeError,
  LedgerCommitError,
  LedgerConflictError,
  LedgerError,
  LedgerOutcomeUnknownError,
  LedgerUnavailableError,
} from '../ledger/ledger-errors';
import { isPeerUnreachable, mapLedgerError, validationCodeName } from './error-mapping';

function gatewayError(
  name: string,
  code: number,
  message: string,
  details: string[] = [],
  transactionId?: string,
) {
  const err = new Error(message) as Error & Record<string, unknown>;
  err.name = name;
  err.code = code;
  err.details = details.map((m, i) => ({ address: `peer${i}:7051`, mspId: 'PublicSecurityMSP', message: m }));
  if (transactionId) err.transactionId = transactionId;
  return err;
}

describe('mapLedgerError', () => {
  it.each([
    ['VALIDATION', 'validFrom is not a date'],
    ['FORBIDDEN', 'role verifier may not call IssueCard'],
    ['NOT_FOUND', 'no card k1.abc'],
    ['ILLEGAL_TRANSITION', 'cannot REPORT_LOST a card in state REVOKED'],
    ['ALREADY_EXISTS', 'card k1.abc exists'],
    ['LIMIT_EXCEEDED', 'more than 500 items'],
  ] as const)('reads %s from an EndorseError peer detail', (code, text) => {
    const err = gatewayError(
      'EndorseError',
      GrpcStatus.ABORTED,
      '10 ABORTED: failed to endorse transaction, see attached details for more info',
      [`chaincode response 500, ${code}: ${text}`],
      'tx-1',
    );
    const mapped = mapLedgerError(err);
    expect(mapped).toBeInstanceOf(ChaincodeError);
    expect(mapped).toMatchObject({ code, detail: text, transactionId: 'tx-1' });
    expect(mapped.cause).toBe(err);
  });

  it('reads the chaincode code from an evaluate GatewayError message', () => {
    const err = gatewayError(
      'GatewayError',
      GrpcStatus.UNKNOWN,
      '2 UNKNOWN: evaluate call to endorser returned error: chaincode response 500, NOT_FOUND: no unit X',
    );
    expect(mapLedgerError(err)).toMatchObject({
      name: 'ChaincodeError',
      code: 'NOT_FOUND',
      detail: 'no unit X',
    });
  });

  it.each([GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.RESOURCE_EXHAUSTED])(
    'maps gRPC status %i without a chaincode code to unavailable',
    (code) => {
      expect(
        mapLedgerError(gatewayError('EndorseError', code, 'connection refused', [], 'tx-2')),
      ).toBeInstanceOf(LedgerUnavailableError);
      expect(mapLedgerError(gatewayError('GatewayError', code, 'connection refused'))).toBeInstanceOf(
        LedgerUnavailableError,
      );
    },
  );

  it('maps a SubmitError timeout to unavailable, keeping the transaction id', () => {
    const mapped = mapLedgerError(
      gatewayError('SubmitError', GrpcStatus.DEADLINE_EXCEEDED, 'deadline', [], 'tx-3'),
    );
    expect(mapped).toBeInstanceOf(LedgerUnavailableError);
    expect(mapped.transactionId).toBe('tx-3');
  });

  it('maps a CommitStatusError timeout to outcome unknown', () => {
    const mapped = mapLedgerError(
      gatewayError('CommitStatusError', GrpcStatus.DEADLINE_EXCEEDED, 'deadline', [], 'tx-4'),
    );
    expect(mapped).toBeInstanceOf(LedgerOutcomeUnknownError);
    expect(mapped.transactionId).toBe('tx-4');
  });

  it.each([
    [StatusCode.MVCC_READ_CONFLICT, LedgerConflictError],
    [StatusCode.PHANTOM_READ_CONFLICT, LedgerConflictError],
    [StatusCode.ENDORSEMENT_POLICY_FAILURE, LedgerCommitError],
  ] as const)('maps CommitError validation code %i', (code, type) => {
    const err = Object.assign(new Error('Transaction tx-5 failed to commit with status code'), {
      name: 'CommitError',
      code,
      transactionId: 'tx-5',
    });
    const mapped = mapLedgerError(err);
    expect(mapped).toBeInstanceOf(type);
    expect(mapped.transactionId).toBe('tx-5');
  });

  it('names validation codes', () => {
    expect(validationCodeName(StatusCode.ENDORSEMENT_POLICY_FAILURE)).toBe('ENDORSEMENT_POLICY_FAILURE');
    const mapped = mapLedgerError({
      name: 'CommitError',
      code: StatusCode.ENDORSEMENT_POLICY_FAILURE,
      transactionId: 't',
    });
    expect(mapped).toMatchObject({ validationCode: 'ENDORSEMENT_POLICY_FAILURE' });
  });

  it('does not mistake a gRPC status word for a chaincode code', () => {
    const mapped = mapLedgerError(
      gatewayError('SubmitError', GrpcStatus.ABORTED, '10 ABORTED: failed', ['peer said no']),
    );
    expect(mapped).toBeInstanceOf(LedgerCommitError);
    expect(mapped).not.toBeInstanceOf(ChaincodeError);
  });

  it('takes endorsers that answered differently (ABORTED, no chaincode error) as a conflict to retry', () => {
    const mapped = mapLedgerError(
      gatewayError(
        'EndorseError',
        GrpcStatus.ABORTED,
        '10 ABORTED: failed to collect enough transaction endorsements',
        ['ProposalResponsePayloads do not match'],
      ),
    );
    expect(mapped).toBeInstanceOf(LedgerConflictError);
    expect(mapped.message).toBe('ENDORSEMENTS_DIVERGED');
    // Refused for another reason (here a proposal timestamp outside the peers' window): no retry.
    const refused = mapLedgerError(
      gatewayError(
        'EndorseError',
        GrpcStatus.ABORTED,
        '10 ABORTED: failed to collect enough transaction endorsements',
        ['request unauthorized due to incorrect timestamp'],
      ),
    );
    expect(refused).toBeInstanceOf(LedgerCommitError);
  });

  it('takes a needed endorser or its chaincode server being down as unavailable (503), not a rejection', () => {
    const noPeers = mapLedgerError(
      gatewayError(
        'EndorseError',
        GrpcStatus.FAILED_PRECONDITION,
        '9 FAILED_PRECONDITION: failed to find any endorsing peers for org(s): PublicSecurityMSP',
      ),
    );
    expect(noPeers).toBeInstanceOf(LedgerUnavailableError);
    // Seen while a peer was out of disk: discovery still listed it, the gateway knew it gone.
    const unavailablePeers = mapLedgerError(
      gatewayError(
        'EndorseError',
        GrpcStatus.FAILED_PRECONDITION,
        '9 FAILED_PRECONDITION: failed to select a set of endorsers that satisfy the endorsement policy due to unavailability of peers: [10.231.17.1:63110]',
      ),
    );
    expect(unavailablePeers).toBeInstanceOf(LedgerUnavailableError);
    const unreachable = mapLedgerError(
      gatewayError(
        'EndorseError',
        GrpcStatus.ABORTED,
        '10 ABORTED: failed to collect enough transaction endorsements',
        [
          'rpc error: code = Unavailable desc = connection error: dial tcp 127.0.0.1:17051: connect: connection refused',
        ],
      ),
    );
    expect(unreachable).toBeInstanceOf(LedgerUnavailableError);
    // What each endorser said is kept for the log.
    expect(unreachable.details).toEqual([
      'PublicSecurityMSP peer0:7051: rpc error: code = Unavailable desc = connection error: dial tcp 127.0.0.1:17051: connect: connection refused',
    ]);
    const noServer = mapLedgerError(
      gatewayError(
        'GatewayError',
        GrpcStatus.ABORTED,
        '10 ABORTED: evaluate call to endorser returned error',
        [
          'error in simulation: failed to execute transaction: could not launch chaincode idcard_1.0:ab: connection failed',
        ],
      ),
    );
    expect(noServer).toBeInstanceOf(LedgerUnavailableError);
    // The endorser died during the call (seen with a peer that ran out of disk).
    const dying = mapLedgerError(
      gatewayError(
        'EndorseError',
        GrpcStatus.ABORTED,
        '10 ABORTED: failed to collect enough transaction endorsements',
        ['rpc error: code = Canceled desc = grpc: the client connection is closing'],
      ),
    );
    expect(dying).toBeInstanceOf(LedgerUnavailableError);
    // A refusal among the details, or a planning failure of another kind, stays a rejection.
    const mixed = mapLedgerError(
      gatewayError(
        'EndorseError',
        GrpcStatus.ABORTED,
        '10 ABORTED: failed to collect enough transaction endorsements',
        [
          'rpc error: code = Unavailable desc = connection refused',
          'request unauthorized due to incorrect timestamp',
        ],
      ),
    );
    expect(mixed).toBeInstanceOf(LedgerCommitError);
    const otherPlan = mapLedgerError(
      gatewayError(
        'EndorseError',
        GrpcStatus.FAILED_PRECONDITION,
        '9 FAILED_PRECONDITION: no endorsers found',
      ),
    );
    expect(otherPlan).toBeInstanceOf(LedgerCommitError);
    // An orderer without a Raft leader yet: send the same transaction again later.
    const noLeader = mapLedgerError(
      gatewayError(
        'SubmitError',
        GrpcStatus.ABORTED,
        '10 ABORTED: received unsuccessful response from orderer: status=SERVICE_UNAVAILABLE, info=no Raft leader',
      ),
    );
    expect(noLeader).toBeInstanceOf(LedgerUnavailableError);
    const atSubmit = mapLedgerError(
      gatewayError('SubmitError', GrpcStatus.ABORTED, '10 ABORTED: failed', ['connection refused']),
    );
    expect(atSubmit).toBeInstanceOf(LedgerCommitError);
  });

  it('passes typed errors through and wraps unknown ones', () => {
    const typed = new LedgerUnavailableError('x');
    expect(mapLedgerError(typed)).toBe(typed);
    expect(mapLedgerError(new TypeError('bug'))).toBeInstanceOf(LedgerError);
  });

  it('tells an unreachable peer from a deadline, a chaincode refusal and a typed error', () => {
    expect(
      isPeerUnreachable(gatewayError('CommitStatusError', GrpcStatus.UNAVAILABLE, 'no connection')),
    ).toBe(true);
    expect(isPeerUnreachable(gatewayError('CommitStatusError', GrpcStatus.DEADLINE_EXCEEDED, 'late'))).toBe(
      false,
    );
    expect(
      isPeerUnreachable(
        gatewayError('EndorseError', GrpcStatus.UNAVAILABLE, 'failed', ['NOT_FOUND: no card k1.abc']),
      ),
    ).toBe(false);
    expect(isPeerUnreachable(new LedgerUnavailableError('down'))).toBe(false);
  });
});
