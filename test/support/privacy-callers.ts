/**
 * The callers of the privacy-limits suite (issue 14) as it uses them: API
 * keys by caller (configured ones and units onboarded by the suite), an
 * officer issuing cards, units verifying them, and Server-Sent-Event
 * streams that are all closed at the end. Every call goes to the caller's
 * organisation's gateway, of the network or of a variant set (privacy-gateway.ts).
 */
import type { Card, VerificationRecord } from '@idcard/common';
import { connectSse, type SseClient } from '@idcard/gateway/testing';
import { expectStatus, type ApiAnswer, type ApiClient, type CommittedAnswer } from './api-client';
import { onboardUnit, UNIT_ADMIN } from './full-network';

/** A person as the test knows them: personal data that must never reach the ledger or a log. */
export interface Person {
  readonly idNumber: string;
  readonly name: string;
}

/** The dates printed on one card. */
export interface Printed {
  readonly validFrom: string;
  readonly validUntil: string;
}

/** Where a gateway listens. */
export interface GatewayAddress {
  readonly host: string;
  readonly port: number;
}

/** The suite's callers over one default gateway. */
export interface PrivacyCallers {
  /** API keys by caller name (add more as the suite gets them). */
  readonly keys: Record<string, string>;
  keyOf(caller: string): string;
  auth(caller: string): { authorization: string };
  /** An officer1 issuance of a resident card (201 expected). */
  issue(
    through: ApiClient,
    person: Person,
    printed: Printed,
    reasonCode: string,
  ): Promise<CommittedAnswer<Card>>;
  /** A verification by `caller`, as answered (status not checked). */
  verify(
    through: ApiClient,
    caller: string,
    card: Person & Printed & { purpose: string },
    headers?: Record<string, string>,
  ): Promise<ApiAnswer<CommittedAnswer<VerificationRecord>>>;
  /**
   * Onboards a unit (ledger entry by operator1, identity and key by the relying parties' unit admin)
   * and keeps its API key under the unit id.
   */
  onboard(unitId: string, category: string, allowedPurposes: readonly string[]): Promise<void>;
  /** An event stream at the key's gateway of `through` (from after `after` when given), closed by closeAll. */
  listen(headers: Record<string, string>, after?: string, through?: ApiClient): Promise<SseClient>;
  closeAll(): void;
}

/** Host and port of a gateway URL. */
export function addressOf(url: string): GatewayAddress {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) };
}

const anHourAgo = (): string => new Date(Date.now() - 3_600_000).toISOString();

/** The callers over `api` (the network's gateway), starting with the keys `up` issued. */
export function privacyCallers(
  api: ApiClient,
  initialKeys: Readonly<Record<string, string>>,
): PrivacyCallers {
  const keys: Record<string, string> = { ...initialKeys };
  const streams: SseClient[] = [];
  const keyOf = (caller: string): string => {
    const k = keys[caller];
    if (k === undefined) throw new Error(`no API key for ${caller}`);
    return k;
  };
  return {
    keys,
    keyOf,
    auth: (caller) => ({ authorization: `Bearer ${keyOf(caller)}` }),
    async issue(through, person, printed, reasonCode) {
      const answer = await through.post<CommittedAnswer<Card>>('/v1/cards', keyOf('officer1'), {
        ...person,
        ...printed,
        kind: 'RESIDENT_CARD',
        reasonCode,
        occurredAt: anHourAgo(),
      });
      return expectStatus(answer, 201);
    },
    verify: (through, caller, card, headers = {}) =>
      through.post<CommittedAnswer<VerificationRecord>>('/v1/verifications', keyOf(caller), card, headers),
    async onboard(unitId, category, allowedPurposes) {
      const { apiKey } = await onboardUnit(
        api,
        { operator: keyOf('operator1'), unitAdmin: keyOf(UNIT_ADMIN) },
        { unitId, category, displayName: `Privacy test ${category.toLowerCase()}`, allowedPurposes },
      );
      keys[unitId] = apiKey;
    },
    async listen(headers, after, through = api) {
      const gateway = addressOf(through.urlFor((headers.authorization ?? '').replace(/^Bearer /, '')));
      const path = after === undefined ? '/v1/events' : `/v1/events?after=${after}`;
      const stream = await connectSse(gateway.port, headers, path, gateway.host);
      streams.push(stream);
      return stream;
    },
    closeAll() {
      for (const stream of streams) stream.close();
    },
  };
}
