/* eslint-disable @typescript-eslint/no-require-imports -- the runtime's internal modules have no types */
import { cachedHandleParameters, skipDisabledLevels } from './contract-runtime-tuning';

interface Marshall {
  ajv: { compile(schema: object): unknown };
  handleParameters(fn: object, parameters: readonly unknown[], prefix: string): unknown[];
}

const DataMarshall = require('fabric-shim/lib/contract-spi/datamarshall') as {
  new (name: string, serializers: Record<string, unknown>, components: object): Marshall;
  prototype: Marshall;
};
const { JSONSerializer } = require('fabric-contract-api') as { JSONSerializer: unknown };

const COMPONENTS = {
  Item: {
    $id: 'Item',
    type: 'object',
    properties: { id: { type: 'string' }, count: { type: 'number' } },
    required: ['id', 'count'],
  },
};
const FN = {
  parameters: [
    { name: 'text', schema: { type: 'string' } },
    { name: 'count', schema: { type: 'number' } },
    { name: 'item', schema: { $ref: '#/components/schemas/Item' } },
  ],
};

const original = DataMarshall.prototype.handleParameters;
const marshall = (): Marshall => new DataMarshall('json', { json: JSONSerializer }, COMPONENTS);
const args = (...values: string[]): Buffer[] => values.map((v) => Buffer.from(v));
const tuned = cachedHandleParameters(original as never, () => false);

function outcome(fn: (m: Marshall) => unknown[]): { value?: unknown; error?: string } {
  try {
    return { value: fn(marshall()) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

describe('contract runtime tuning', () => {
  const cases: [string, Buffer[]][] = [
    ['valid parameters', args('hello', '42', '{"id":"a","count":3}')],
    ['a number that is not one', args('hello', 'forty', '{"id":"a","count":3}')],
    ['an object missing a field', args('hello', '1', '{"id":"a"}')],
    ['too few parameters', args('hello')],
  ];

  it.each(cases)('converts, validates and fails exactly as the runtime: %s', (_name, supplied) => {
    const expected = outcome((m) => original.call(m, FN, supplied, '[tx]'));
    const actual = outcome((m) => tuned.call(m as never, FN, supplied, '[tx]'));
    expect(actual).toEqual(expected);
  });

  it('compiles each parameter validator once per marshall, not per call', () => {
    const m = marshall();
    const compile = jest.spyOn(m.ajv, 'compile');
    for (let i = 0; i < 5; i++)
      expect(tuned.call(m as never, FN, args('x', String(i), '{"id":"a","count":1}'), '[tx]')).toEqual([
        'x',
        i,
        { id: 'a', count: 1 },
      ]);
    expect(compile).toHaveBeenCalledTimes(FN.parameters.length);
  });

  it('leaves the runtime to do it when debug logging is on', () => {
    const m = marshall();
    const compile = jest.spyOn(m.ajv, 'compile');
    const debugging = cachedHandleParameters(original as never, () => true);
    debugging.call(m as never, FN, args('x', '1', '{"id":"a","count":1}'), '[tx]');
    debugging.call(m as never, FN, args('x', '1', '{"id":"a","count":1}'), '[tx]');
    expect(compile).toHaveBeenCalledTimes(2 * FN.parameters.length);
  });

  it('makes the levels a logger does not log no-ops and keeps the others', () => {
    const written: string[] = [];
    const logger = {
      levels: { error: 0, warn: 1, info: 2, debug: 3 },
      isLevelEnabled: (level: string) => ['error', 'warn'].includes(level),
      warn: (msg: string) => written.push(`warn ${msg}`),
      debug: (msg: string) => written.push(`debug ${msg}`),
    };
    skipDisabledLevels(logger);
    (logger.debug as (m: string) => void)('dropped');
    (logger.warn as (m: string) => void)('kept');
    expect(written).toEqual(['warn kept']);
  });
});
