/**
 * Issue 18 on the real network: request bodies with a field of the wrong
 * JSON type (an array holding the ID number, numbers for strings) or an ID
 * number in a refused form (padded with spaces, full-width digits) are
 * refused by the gateway with 400 and never reach the ledger: once the peers
 * agree, every peer's block height is the same after the requests as before.
 * A correctly written verification then commits and moves the heights, so
 * the measure is seen to work (and finds no card: the refused issues wrote
 * nothing).
 */
import type { VerificationRecord } from '@idcard/common';
import { networkDown, type ResolvedConfig } from '@idcard/network';
import { idNumberFor } from '@idcard/gateway/testing';
import {
  expectStatus,
  type ApiClient,
  type CommittedAnswer,
  type ProblemAnswer,
} from '../support/api-client';
import { heightReader, settlePeers, waitForPeersLevel } from '../support/fabric-heights';
import { startFullNetwork } from '../support/full-network';

/** A validation problem with its field errors (docs/api.md, Problems). */
interface ValidationProblem extends ProblemAnswer {
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}

const ID = idNumberFor('110105', '19850412', '321');
/** Aged 30 at issue: 20 years. */
const CARD = { idNumber: ID, name: '测试丙三', validFrom: '2015-06-01', validUntil: '2035-06-01' };
const FULL_WIDTH_ID = ID.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
/** The configured verifier of unit LIB-0001, registered by `up` for LIBRARY_MEMBERSHIP. */
const VERIFIER = 'unit-lib-0001';
const OFFICER = 'officer1';

/** Changes to a valid body, each of which must be refused, and the field the problem must name. */
const REFUSED: readonly (readonly [string, Readonly<Record<string, unknown>>, string])[] = [
  ['the ID number wrapped in an array', { idNumber: [ID] }, 'idNumber'],
  ['the digits of the ID number as a JSON number', { idNumber: Number(ID.slice(0, 17)) }, 'idNumber'],
  ['the name as a JSON number', { name: 42 }, 'name'],
  ['validFrom as a JSON number', { validFrom: 20150601 }, 'validFrom'],
  ['a leading space before the ID number', { idNumber: ` ${ID}` }, 'idNumber'],
  ['a trailing space after the ID number', { idNumber: `${ID} ` }, 'idNumber'],
  ['the ID number in full-width digits', { idNumber: FULL_WIDTH_ID }, 'idNumber'],
];

const anHourAgo = (): string => new Date(Date.now() - 3_600_000).toISOString();

describe('wrong-typed and padded request bodies on the real network', () => {
  let cfg: ResolvedConfig | undefined;
  let api: ApiClient;
  let keys: Readonly<Record<string, string>>;

  beforeAll(async () => {
    const net = await startFullNetwork('coercion', (c) => {
      cfg = c;
    });
    api = net.api;
    keys = net.keys;
  }, 900_000);

  afterAll(async () => {
    if (cfg !== undefined) await networkDown(cfg);
  }, 120_000);

  const config = (): ResolvedConfig => {
    if (cfg === undefined) throw new Error('the network did not start');
    return cfg;
  };
  const keyOf = (caller: string): string => {
    const key = keys[caller];
    if (key === undefined) throw new Error(`no API key for ${caller}`);
    return key;
  };

  /** The routes under test, each with a valid body and the caller that may use it. */
  const routes = (): readonly (readonly [string, string, Readonly<Record<string, unknown>>])[] => [
    [
      '/v1/cards',
      OFFICER,
      { ...CARD, kind: 'RESIDENT_CARD', reasonCode: 'FIRST_ISSUE', occurredAt: anHourAgo() },
    ],
    ['/v1/verifications', VERIFIER, { ...CARD, purpose: 'LIBRARY_MEMBERSHIP' }],
  ];

  it('refuses every one with 400 naming the field, and no peer height moves', async () => {
    const read = heightReader(config());
    const before = await settlePeers(config(), read);
    expect(before.size).toBeGreaterThan(0);

    const wrong: string[] = [];
    for (const [path, caller, body] of routes()) {
      for (const [label, change, field] of REFUSED) {
        const answer = await api.post<ValidationProblem>(path, keyOf(caller), { ...body, ...change });
        const named = answer.body.errors?.some((e) => e.path === `body/${field}`) === true;
        if (answer.status !== 400 || answer.body.type !== 'urn:idcard:problem:validation' || !named) {
          wrong.push(`${path}, ${label}: ${String(answer.status)} ${JSON.stringify(answer.body)}`);
        }
      }
    }
    expect(wrong).toEqual([]);

    const after = await settlePeers(config(), read);
    expect(Object.fromEntries(after)).toEqual(Object.fromEntries(before));
  }, 300_000);

  it('commits the same verification written correctly, and the heights move (the measure works)', async () => {
    const read = heightReader(config());
    const before = await settlePeers(config(), read);
    const answer = expectStatus(
      await api.post<CommittedAnswer<VerificationRecord>>('/v1/verifications', keyOf(VERIFIER), {
        ...CARD,
        purpose: 'LIBRARY_MEMBERSHIP',
      }),
      200,
    );
    // NOT_FOUND: none of the refused POST /v1/cards above issued the card.
    expect(answer.result).toMatchObject({ unitId: 'LIB-0001', result: 'INVALID', reason: 'NOT_FOUND' });
    const after = await waitForPeersLevel(config(), read, answer.blockNumber + 1);
    expect(Math.min(...after.values())).toBeGreaterThan(Math.max(...before.values()));
  }, 300_000);
});
