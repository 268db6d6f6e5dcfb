import { DEFAULT_JSON_SHAPE_LIMITS, jsonShapeError } from './json-shape.js';

const limits = { maxKeys: 3, maxValues: 10, maxDepth: 4 };
const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

describe('jsonShapeError', () => {
  it.each([
    ['a scalar', 'x', undefined],
    ['null', null, undefined],
    ['an object at every bound', { a: { b: [[1]] }, c: 1, d: [1, 2, 3] }, undefined],
    ['an object of 4 keys', { a: 1, b: 2, c: 3, d: 4 }, { field: 'body', message: 'an object may hold at most 3 keys (SOCAI_MAX_JSON_KEYS); this one has 4' }],
    ['a nested object of 4 keys', { a: { b: [{ w: 1, x: 2, y: 3, z: 4 }] } }, { field: 'a.b.0', message: 'an object may hold at most 3 keys (SOCAI_MAX_JSON_KEYS); this one has 4' }],
    ['5 levels', { a: [[[1]]], b: { c: { d: { e: [1] } } } }, { field: 'b.c.d.e', message: 'nested deeper than 4 levels (SOCAI_MAX_JSON_DEPTH)' }],
    ['12 values over many objects', [{ a: 1, b: 2 }, { a: 1, b: 2 }, { a: 1, b: 2 }, { a: 1, b: 2 }], { field: 'body', message: 'a body may hold at most 10 keys and array items in all (SOCAI_MAX_JSON_VALUES)' }],
    ['an array of 11 items', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], { field: 'body', message: 'a body may hold at most 10 keys and array items in all (SOCAI_MAX_JSON_VALUES)' }],
  ])('%s', (_name, value, expected) => {
    expect(jsonShapeError(value, limits, 'body')).toEqual(expected);
  });

  it('names the outermost value of an import line "line"', () => {
    expect(jsonShapeError({ a: 1, b: 2, c: 3, d: 4 }, limits, 'line')).toEqual({ field: 'line', message: 'an object may hold at most 3 keys (SOCAI_MAX_JSON_KEYS); this one has 4' });
  });

  it('walks a million levels without recursion, stopping at the first level too deep', () => {
    expect(jsonShapeError(nested(1_000_000), DEFAULT_JSON_SHAPE_LIMITS, 'body')).toEqual({ field: '0.'.repeat(31) + '0', message: 'nested deeper than 32 levels (SOCAI_MAX_JSON_DEPTH)' });
  });

  it('counts an own "__proto__" key like any other', () => {
    expect(jsonShapeError(JSON.parse('{"__proto__":{"a":1,"b":2,"c":3,"d":4}}'), limits, 'body')).toEqual({ field: '__proto__', message: 'an object may hold at most 3 keys (SOCAI_MAX_JSON_KEYS); this one has 4' });
  });

  it('accepts every command the contract allows with the defaults: a statement of 20,000 lines', () => {
    const lines = Array.from({ length: 20_000 }, (_, index) => ({ paymentRef: `P-${index}`, personId: '4500000001', amount: '1' }));
    expect(jsonShapeError({ statementRef: 'S', month: '2023-10', areaCode: '465', agent: 'x', lines }, DEFAULT_JSON_SHAPE_LIMITS, 'body')).toBeUndefined();
  });
});
