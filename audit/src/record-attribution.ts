/**
 * Every verification record must be provably the work of the unit that
 * signed the transaction writing it: the creator in the signature header
 * (signed by its key, checked by the orderer and the validating peers) must
 * be a RelyingPartyMSP member whose certificate carries role `verifier` and
 * unit equal to the record's `unitId`. Endorsement policies say which
 * organisations ran the chaincode; only this ties a record to its unit's key,
 * so a record written under another unit's name by altered chaincode is seen.
 */
import { CERT_ATTRIBUTES, MSP_IDS, type Role } from '@idcard/common';
import { certificateAttributes } from './certificate-attributes';
import type { AttributionProblem, IntegrityFinding, RecordAttribution } from './integrity-finding';
import { parseStateKey } from './record-keys';
import { jsonObject } from './replay-records';
import type { DecodedTransaction } from './transaction-decoder';

const VERIFIER: Role = 'verifier';

/** Distinct creators remembered; a replay sees few, so this only bounds a pathological ledger. */
const MAX_CACHED_CREATORS = 1000;

/** What the creator's certificate certifies. */
interface CertifiedCreator {
  readonly readable: boolean;
  readonly role: string | null;
  readonly unit: string | null;
}

function certify(certificate: string): CertifiedCreator {
  try {
    const attributes = certificateAttributes(certificate);
    const role = attributes[CERT_ATTRIBUTES.role];
    const unit = attributes[CERT_ATTRIBUTES.unit];
    return { readable: true, role: role ?? null, unit: unit === undefined || unit === '' ? null : unit };
  } catch {
    return { readable: false, role: null, unit: null };
  }
}

function problemOf(mspId: string, creator: CertifiedCreator, claimed: string): AttributionProblem | null {
  if (!creator.readable) return 'unreadable-certificate';
  if (mspId !== MSP_IDS.relyingParty) return 'foreign-msp';
  if (creator.role !== VERIFIER) return 'not-verifier';
  if (creator.unit === null) return 'no-unit-attribute';
  if (creator.unit !== claimed) return 'unit-differs';
  return null;
}

function message(record: RecordAttribution): string {
  const creator = `${record.creatorMspId || 'no MSP'}, role ${record.creatorRole ?? 'none'}, unit ${record.certifiedUnit ?? 'none'}`;
  return `verification record ${record.recordId} claims unit ${record.claimedUnit}; its creator is ${creator} (${record.problem})`;
}

/** Checks the verification records of VALID transactions against their creators' certificates. */
export class RecordAttributionCheck {
  readonly #creators = new Map<string, CertifiedCreator>();

  #creator(certificate: string): CertifiedCreator {
    let creator = this.#creators.get(certificate);
    if (creator === undefined) {
      if (this.#creators.size >= MAX_CACHED_CREATORS) this.#creators.clear();
      creator = certify(certificate);
      this.#creators.set(certificate, creator);
    }
    return creator;
  }

  /**
   * One finding per verification record `tx` writes under a unit its creator
   * is not certified for (none for other writes, deletions and values that
   * are not records: those are replay anomalies).
   */
  check(tx: DecodedTransaction, blockNumber: number): IntegrityFinding[] {
    const findings: IntegrityFinding[] = [];
    for (const write of tx.writes) {
      const key = parseStateKey(write.key);
      if (key.kind !== 'verification' || write.isDelete) continue;
      const claimed = jsonObject(write.value)?.unitId;
      if (typeof claimed !== 'string') continue;
      const creator = this.#creator(tx.creatorCertificate);
      const problem = problemOf(tx.creatorMspId, creator, claimed);
      if (problem === null) continue;
      const record: RecordAttribution = {
        recordId: key.id,
        claimedUnit: claimed,
        certifiedUnit: creator.unit,
        creatorMspId: tx.creatorMspId,
        creatorRole: creator.role,
        problem,
      };
      findings.push({
        kind: 'record-unit-mismatch',
        blockNumber,
        txIndex: tx.index,
        txId: tx.txId,
        message: message(record),
        record,
      });
    }
    return findings;
  }
}
