/**
 * Contract `eid` (docs/transactions.md): officers issue short-lived,
 * single-use electronic-ID tokens bound to an effectively VALID card;
 * relying units verify a scanned token like a card.
 */
import { PURPOSES, SHA256_HEX_PATTERN, type EidToken, type VerificationRecord } from '@idcard/common';
import { Context, Contract, Info } from 'fabric-contract-api';
import { effectiveStateAt } from '../domain/card-validity';
import { issuedToken, requireTokenExpiry, tokenOutcome, usedToken } from '../domain/eid-token';
import { requireOneOf, requirePattern, requireReference, requireRequestId } from '../domain/input-checks';
import { requireSameRequest, tokenRequestFingerprint } from '../domain/request-fingerprint';
import { watchesCard } from '../status-notices/status-notice';
import { denialFor } from '../domain/verification-outcome';
import { newVerification, verificationView } from '../domain/verification-record';
import { AlreadyExistsError, IllegalTransitionError } from '../errors';
import '../model';
import { WireTransaction } from './wire-transaction';
import { begin } from './transaction-scope';

/** Issues and verifies electronic-ID tokens. */
@Info({ title: 'eid', description: 'Electronic-ID tokens: issue and verify' })
export class EidContract extends Contract {
  constructor() {
    super('eid');
  }

  /** Issues a token (its SHA-256) for an effectively VALID card. */
  @WireTransaction()
  async IssueEidToken(
    ctx: Context,
    tokenHash: string,
    cardRef: string,
    expiresAt: string,
  ): Promise<EidToken> {
    const { ledger, txTime } = begin(ctx, 'IssueEidToken');
    const hash = requirePattern('tokenHash', tokenHash, SHA256_HEX_PATTERN);
    const ref = requireReference('cardRef', cardRef);
    const expiry = requireTokenExpiry(expiresAt, txTime);
    const card = await ledger.cards.get(ref);
    const effective = effectiveStateAt(card.state, card.validUntil, txTime);
    if (effective !== 'VALID') throw new IllegalTransitionError('ISSUE_EID_TOKEN', effective);
    if ((await ledger.tokens.find(hash)) !== undefined) throw new AlreadyExistsError(`token ${hash}`);
    const token = issuedToken(hash, ref, expiry, txTime);

    await ledger.tokens.create(token);
    ledger.state.emit('EidTokenIssued', { cardRef: ref, expiresAt: expiry });
    return token;
  }

  /**
   * Verifies a scanned token; a VALID answer uses the token up. A repeated
   * request id answers with the first record only for the same token and purpose.
   */
  @WireTransaction()
  async VerifyEidToken(
    ctx: Context,
    requestId: string,
    purpose: string,
    tokenHash: string,
  ): Promise<VerificationRecord> {
    const { caller, ledger, txTime } = begin(ctx, 'VerifyEidToken');
    const request = requireRequestId('requestId', requestId);
    const checkedPurpose = requireOneOf('purpose', purpose, PURPOSES);
    const hash = requirePattern('tokenHash', tokenHash, SHA256_HEX_PATTERN);
    const fingerprint = tokenRequestFingerprint(checkedPurpose, hash);
    const first = await ledger.verifications.findRequest(caller.unit, request);
    if (first !== undefined) {
      const repeat = { requestId: request, purpose: checkedPurpose, channel: 'EID_TOKEN' as const };
      requireSameRequest(first, { ...repeat, fingerprints: [fingerprint] });
      return verificationView(first.record, true);
    }

    const denial = denialFor(await ledger.units.find(caller.unit), checkedPurpose);
    const token = denial === null ? await ledger.tokens.find(hash) : undefined;
    const card = token === undefined ? undefined : await ledger.cards.find(token.cardRef);
    const outcome = denial ?? tokenOutcome(token, card, txTime);
    const record = newVerification(
      {
        txId: ledger.state.txId,
        txTime,
        index: 0,
        requestId: request,
        unitId: caller.unit,
        purpose: checkedPurpose,
        channel: 'EID_TOKEN',
        cardRef: token?.cardRef ?? null,
      },
      outcome,
    );

    await ledger.verifications.add(record, fingerprint);
    if (token !== undefined && outcome.result === 'VALID') {
      await ledger.tokens.update(usedToken(token, caller.unit, txTime));
    }
    if (card !== undefined && watchesCard(outcome)) {
      await ledger.watches.note(card.cardRef, caller.unit, txTime);
    }
    const { recordId, unitId, cardRef, result, reason } = record;
    ledger.state.emit('CardVerified', { recordId, unitId, cardRef, purpose: checkedPurpose, result, reason });
    return verificationView(record, false);
  }
}
