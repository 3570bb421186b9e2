/**
 * One normalisation policy for ID numbers and names (docs/api.md), the same
 * in every operation that takes them: found in the served OpenAPI document,
 * batch items included. A lower-case x check character is the same number
 * as X, and a decomposed name the same as its NFC form (the ledger receives
 * identical arguments); padded, full-width or otherwise odd forms are a 400
 * naming the field, with a message that does not repeat the value, and no
 * ledger call.
 */
import { PROBLEM_BASE } from '../../problems';
import { bodyOperations, type BodyOperation } from '../../test-support/body-operations';
import { sameBirthWithX } from '../../test-support/id-numbers';
import { changedAt, spots, type Spot } from '../../test-support/json-spots';
import { testGateway, type TestGateway } from '../../test-support/test-gateway';

const SEED = 18;

/** Forms of a valid ID number that must be refused. */
const REFUSED_ID_FORMS: readonly (readonly [string, (id: string) => string])[] = [
  ['a leading space', (id) => ` ${id}`],
  ['a trailing space', (id) => `${id} `],
  ['inner spaces', (id) => `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`],
  ['a trailing ideographic space', (id) => `${id}\u3000`],
  ['a leading no-break space', (id) => `\u00a0${id}`],
  ['a trailing line break', (id) => `${id}\n`],
  ['full-width digits', (id) => id.replace(/[0-9Xx]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))],
  ['another letter as the check character', (id) => `${id.slice(0, 17)}Y`],
  ['a letter inside the number', (id) => `${id.slice(0, 8)}A${id.slice(9)}`],
];

/** Forms of a valid name that must be refused. */
const REFUSED_NAME_FORMS: readonly (readonly [string, (name: string) => string])[] = [
  ['a leading space', (name) => ` ${name}`],
  ['a trailing space', (name) => `${name} `],
  ['two inner spaces', (name) => `Anna  ${name}`],
  ['an inner ideographic space', (name) => `${name.slice(0, 1)}\u3000${name.slice(1)}`],
  ['a zero-width space', (name) => `${name}\u200b`],
  ['a right-to-left override', (name) => `\u202e${name}`],
  ['a NUL character', (name) => `${name}\u0000`],
];

interface Problem {
  readonly type: string;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}

/** Every field called `key` in the body of `op` (batch items included), with its valid value. */
function fields(op: BodyOperation, key: string): Spot[] {
  return spots(op.body, op.schema).filter((s) => s.path.at(-1) === key);
}

/** `body` with every `key` field set to `value(old)`. */
function withEvery(op: BodyOperation, key: string, value: (old: string) => string): unknown {
  return fields(op, key).reduce<unknown>(
    (body, field) => changedAt(body, field.path, (old) => value(String(old))),
    op.body,
  );
}

/** The one operation that takes ID numbers and names and answers references instead of calling the ledger. */
const PSEUDONYM_OP = 'POST /v1/pseudonyms/cards';

describe('one normalisation policy for ID numbers and names, in every operation', () => {
  let gw: TestGateway;
  let withIdNumber: BodyOperation[];
  let withName: BodyOperation[];

  beforeAll(async () => {
    gw = await testGateway({ rateLimit: { perCaller: 1_000_000, perIpUnauthenticated: 1_000_000 } });
    const operations = await bodyOperations(gw, SEED);
    withIdNumber = operations.filter((op) => fields(op, 'idNumber').length > 0);
    withName = operations.filter((op) => fields(op, 'name').length > 0);
  });
  afterAll(async () => {
    await gw.app.close();
  });

  const send = (op: BodyOperation, payload: unknown) =>
    gw.app.inject({ method: op.method, url: op.url, headers: op.headers, payload: payload as object });

  /**
   * The arguments of the ledger calls `payload` makes (one, or two when a card
   * change is then announced to the units that checked the card); an accepted
   * (2xx) request is expected.
   */
  const ledgerArgs = async (op: BodyOperation, payload: unknown): Promise<unknown> => {
    const calls = gw.ledger.calls.length;
    const res = await send(op, payload);
    expect([op.id, res.statusCode < 300 ? 'accepted' : res.body]).toEqual([op.id, 'accepted']);
    // The agencies' pseudonym endpoint calls no ledger: what it derives is its answer.
    if (op.id === PSEUDONYM_OP) return res.json();
    const made = gw.ledger.calls.slice(calls);
    expect(made.filter((c) => c.name !== 'AnnounceCardChange')).toHaveLength(1);
    return made.map((c) => c.args);
  };

  it('finds every operation that takes an ID number or a name', () => {
    expect(withIdNumber.map((o) => o.id).sort()).toEqual([
      'POST /v1/cards',
      'POST /v1/citizen/cards',
      'POST /v1/citizen/verifications',
      'POST /v1/citizen/who-looked',
      PSEUDONYM_OP,
      'POST /v1/verifications',
      'POST /v1/verifications/batch',
    ]);
    expect(withName.map((o) => o.id).sort()).toEqual([
      'POST /v1/cards',
      PSEUDONYM_OP,
      'POST /v1/verifications',
      'POST /v1/verifications/batch',
    ]);
  });

  it('takes a lower-case x check character as the same number as X: identical ledger arguments', async () => {
    for (const op of withIdNumber) {
      const upper = await ledgerArgs(op, withEvery(op, 'idNumber', sameBirthWithX));
      const lower = await ledgerArgs(
        op,
        withEvery(op, 'idNumber', (id) => sameBirthWithX(id).toLowerCase()),
      );
      expect({ op: op.id, args: lower }).toEqual({ op: op.id, args: upper });
    }
  });

  it('takes a decomposed name as its NFC form: identical ledger arguments', async () => {
    for (const op of withName) {
      const composed = await ledgerArgs(
        op,
        withEvery(op, 'name', () => 'Zo\u00eb Li'),
      );
      const decomposed = await ledgerArgs(
        op,
        withEvery(op, 'name', () => 'Zoe\u0308 Li'),
      );
      expect({ op: op.id, args: decomposed }).toEqual({ op: op.id, args: composed });
    }
  });

  /**
   * Sends `op`'s body with `field` rewritten; answers what was wrong with the
   * refusal (nothing: a 400 naming that field alone, a message starting with
   * `prefix` and not repeating the value, no ledger call).
   */
  const refusal = async (
    op: BodyOperation,
    field: Spot,
    rewrite: (old: string) => string,
    prefix: string,
  ): Promise<string> => {
    const calls = gw.ledger.calls.length;
    const original = String(field.value);
    const res = await send(
      op,
      changedAt(op.body, field.path, () => rewrite(original)),
    );
    const problem = res.json<Problem>();
    const errors = problem.errors ?? [];
    const where = `body/${field.path.join('/')}`;
    const problems = [
      res.statusCode === 400 ? '' : `status ${String(res.statusCode)}`,
      problem.type === `${PROBLEM_BASE}validation` ? '' : `type ${problem.type}`,
      errors.length === 1 && errors[0]?.path === where ? '' : `errors ${JSON.stringify(errors)}`,
      errors.every((e) => e.message.startsWith(prefix)) ? '' : 'message',
      res.body.includes(original.slice(0, 17)) ? 'the value repeated' : '',
      gw.ledger.calls.length === calls ? '' : 'a ledger call',
    ];
    return problems.filter((p) => p !== '').join(', ');
  };

  /** The refusals of `rewrite` in every `key` field of `operations` that were not as they should be. */
  const wrongRefusals = async (
    operations: readonly BodyOperation[],
    key: string,
    rewrite: (old: string) => string,
    prefix: string,
  ): Promise<string[]> => {
    const wrong: string[] = [];
    for (const op of operations) {
      for (const field of fields(op, key)) {
        const why = await refusal(op, field, rewrite, prefix);
        if (why !== '') wrong.push(`${op.id} ${field.path.join('/')}: ${why}`);
      }
    }
    return wrong;
  };

  it.each(REFUSED_ID_FORMS)(
    'refuses an ID number with %s: 400 naming the field, no ledger call',
    async (_label, form) => {
      expect(await wrongRefusals(withIdNumber, 'idNumber', form, 'ID number ')).toEqual([]);
    },
  );

  it.each(REFUSED_NAME_FORMS)(
    'refuses a name with %s: 400 naming the field, no ledger call',
    async (_label, form) => {
      expect(await wrongRefusals(withName, 'name', form, 'Name ')).toEqual([]);
    },
  );
});
