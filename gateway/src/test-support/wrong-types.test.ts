import { wrongTypedValues } from './wrong-types';

describe('wrong-typed values', () => {
  it('makes a present value of every wrong type, also from an empty list (JSON would drop undefined)', () => {
    const values = wrongTypedValues({ type: 'array' }, []);
    expect(values.map((v) => v.type)).toEqual(['object', 'number', 'boolean', 'null', 'string']);
    for (const v of values) expect(v.value).not.toBeUndefined();
    expect(values.find((v) => v.type === 'string')?.value).toBe('[]');
    expect(wrongTypedValues({ type: 'array' }, ['a'])).toContainEqual({ type: 'string', value: 'a' });
  });
});
