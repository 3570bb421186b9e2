/**
 * Where a gateway gets the pseudonymous references of a presented card.
 * The agencies' gateways hold the pseudonym key (DESIGN §3) and derive them
 * locally; the relying parties' gateway holds no key and asks an agency
 * gateway's `POST /v1/pseudonyms/cards` (authenticated with its own
 * `pseudonym-client` key). Only checked, normalised ID numbers and names
 * are asked for, in POST bodies; nothing here logs them.
 */
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { LIMITS, REFERENCE_PATTERN } from '@idcard/common';
import type { CardReferences } from '../ledger/transactions';
import { ProblemError } from '../problems';
import { httpsFetch, type ClientTlsFiles, type PostFetch } from '../tls/https-fetch';
import type { Pseudonymizer } from './pseudonyms';

/** A card as checked by the gateway: normalised ID number and name, first day of validity. */
export interface CardHolder {
  readonly idNumber: string;
  readonly name: string;
  readonly validFrom: string;
}

/** A card's references under the current key and under each earlier key (newest first). */
export interface CardReferenceSet {
  readonly current: CardReferences;
  readonly earlier: readonly CardReferences[];
}

/** The source of card references. */
export interface CardReferencer {
  /**
   * The references of each card, in order (at most LIMITS.maxBulkItems).
   * @throws ProblemError pseudonyms-unavailable when a remote source fails
   */
  references(cards: readonly CardHolder[]): Promise<CardReferenceSet[]>;
}

/** The references of one card under one key. */
export function referencesUnder(p: Pseudonymizer, card: CardHolder): CardReferences {
  return {
    cardRef: p.cardRef(card.idNumber, card.validFrom),
    personRef: p.personRef(card.idNumber),
    nameCheck: p.nameCheck(card.idNumber, card.name),
  };
}

/** References derived here, from keys this gateway holds. */
export function localReferencer(current: Pseudonymizer, earlier: readonly Pseudonymizer[]): CardReferencer {
  return {
    references: (cards) =>
      Promise.resolve(
        cards.map((card) => ({
          current: referencesUnder(current, card),
          earlier: earlier.map((p) => referencesUnder(p, card)),
        })),
      ),
  };
}

const Reference = Type.String({ pattern: REFERENCE_PATTERN.source });
const ReferencesSchema = Type.Object(
  { cardRef: Reference, personRef: Reference, nameCheck: Reference },
  { additionalProperties: false },
);
/** The answer of `POST /v1/pseudonyms/cards`. */
export const CardReferencesAnswerSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        { current: ReferencesSchema, earlier: Type.Array(ReferencesSchema) },
        { additionalProperties: false },
      ),
      { maxItems: LIMITS.maxBulkItems },
    ),
  },
  { additionalProperties: false },
);

/** Where the agency gateway is and how this gateway authenticates to it. */
export interface RemoteReferencerOptions {
  /** Base URL of the agency gateway, e.g. `http://127.0.0.1:17901`. */
  readonly url: string;
  /** This gateway's `pseudonym-client` API key there. */
  readonly apiKey: string;
  readonly timeoutMs: number;
  /**
   * For an `https://` url: the CAs to trust and this gateway's client
   * certificate (mutual TLS); absent: the global fetch and the system's CAs.
   */
  readonly tls?: ClientTlsFiles;
  /** For tests; default the global fetch (or, with `tls`, one over HTTPS with those files). */
  readonly fetch?: PostFetch;
}

/** The path of the agency gateways' pseudonym endpoint. */
export const PSEUDONYMS_PATH = '/v1/pseudonyms/cards';

function unavailable(detail: string, retryAfterSeconds?: number): ProblemError {
  return new ProblemError('pseudonyms-unavailable', detail, {
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });
}

/**
 * References from an agency gateway (over mutual TLS when `tls` names a
 * client certificate). Every failure (unreachable, timeout,
 * refusal, an answer of the wrong shape or length) is `pseudonyms-unavailable`
 * (503): nothing is sent to the ledger without references.
 * @throws Error when a TLS file cannot be read
 */
export function remoteReferencer(options: RemoteReferencerOptions): CardReferencer {
  const call: PostFetch = options.fetch ?? (options.tls ? httpsFetch(options.tls) : fetch);
  const endpoint = `${options.url.replace(/\/+$/, '')}${PSEUDONYMS_PATH}`;
  return {
    async references(cards) {
      if (cards.length === 0) return [];
      const request = (): Promise<Response> =>
        call(endpoint, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            items: cards.map(({ idNumber, name, validFrom }) => ({ idNumber, name, validFrom })),
          }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      let res: Response;
      try {
        // Once more at once when the connection itself failed: a pooled keep-alive socket to an agency
        // gateway that restarted fails its first use ("other side closed"). Deriving references writes
        // nothing, so asking twice is safe.
        res = await request().catch(request);
      } catch {
        throw unavailable(
          'The agency gateway that derives card references cannot be reached; retry later',
          5,
        );
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        body = undefined;
      }
      if (res.status !== 200) {
        const retry = Number(res.headers.get('retry-after') ?? '5');
        throw unavailable(
          `The agency gateway refused to derive card references (HTTP ${String(res.status)}); retry later`,
          Number.isFinite(retry) && retry > 0 ? retry : 5,
        );
      }
      if (!Value.Check(CardReferencesAnswerSchema, body) || body.items.length !== cards.length) {
        throw unavailable('The agency gateway answered card references of the wrong shape');
      }
      return body.items;
    },
  };
}

/**
 * A pseudonymizer for a gateway without a key: every use is refused
 * (`pseudonyms-unavailable`); the routes that need a key locally are the
 * officers' and citizens', whose callers such a gateway does not have.
 */
export function keylessPseudonymizer(): Pseudonymizer {
  const refuse = (): never => {
    throw new ProblemError(
      'pseudonyms-unavailable',
      "This gateway holds no pseudonym key (it is not an agency's); call an agency gateway",
    );
  };
  return Object.freeze({ keyId: 'none', personRef: refuse, cardRef: refuse, nameCheck: refuse });
}
