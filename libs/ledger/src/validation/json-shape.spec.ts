import { DEFAULT_JSON_SHAPE_LIMITS, jsonShapeError } from './json-shape.js';

const limits = { maxKeys: 3, maxValues: 10, maxDepth: 4 };
const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

describe('jsonShapeError', () => {
  it.each([
    ['a scalar', 'x', undefined],
    ['null', null, undefined],
    ['an object at every bound', { a: { b: [[1]] }, c: 1, d: [1, 2, 3] }, undefined],
    ['an object of 4 keys', { a: 1, b: 2, c: 3, d: 4 }, { field: 'body', message: 'an object may hold at most 3 keys (SOCAI_MAX_JSON_KEYS)' }],
    ['a nested object of 4 keys', { a: { b: [{ w: 1, x: 2, y: 3, z: 4 }] } }, { field: 'a.b.0', message: 'an object may hold at most 3 keys (SOCAI_MAX_JSON_KEYS)' }],
    ['5 levels', { a: [[[1]]], b: { c: { d: { e: [1] } } } }, { field: 'b.c.d.e', message: 'nested deeper than 4 levels (SOCAI_MAX_JSON_DEPTH)' }],
    ['12 values over many objects', [{ a: 1, b: 2 }, { a: 1, b: 2 }, { a: 1, b: 2 }, { a: 1, b: 2 }], { field: 'body', message: 'a body may hold at most 10 keys and array items in all (SOCAI_MAX_JSON_VALUES)' }],
    ['an array of 11 items', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], { field: 'body', message: 'a body may hold at most 10 keys and array items in all (SOCAI_MAX_JSON_VALUES)' }],
  ])('%s', (_name, value, expected) => {
    expect(jsonShapeError(JSON.stringify(value), limits, 'body')).toEqual(expected);
  });

  it('names the outermost value of an import line "line"', () => {
    expect(jsonShapeError('{"a":1,"b":2,"c":3,"d":4}', limits, 'line')).toEqual({ field: 'line', message: 'an object may hold at most 3 keys (SOCAI_MAX_JSON_KEYS)' });
  });

  it('reads a million levels without recursion, stopping at the first level too deep', () => {
    expect(jsonShapeError(nested(1_000_000), DEFAULT_JSON_SHAPE_LIMITS, 'body')).toEqual({ field: '0.'.repeat(31) + '0', message: 'nested deeper than 32 levels (SOCAI_MAX_JSON_DEPTH)' });
  });

  it('counts an own "__proto__" key like any other', () => {
    expect(jsonShapeError('{"__proto__":{"a":1,"b":2,"c":3,"d":4}}', limits, 'body')).toEqual({ field: '__proto__', message: 'an object may hold at most 3 keys (SOCAI_MAX_JSON_KEYS)' });
  });

  it('reads keys and brackets inside strings as text, escaped quotes included', () => {
    expect(jsonShapeError('{"a":"{[[[[[:,:,:","b\\"":"\\"[[[[[[","c":"\\\\","d\\\\":[]}', limits, 'body')).toEqual({
      field: 'body', message: 'an object may hold at most 3 keys (SOCAI_MAX_JSON_KEYS)',
    });
    expect(jsonShapeError('{"a":"{[[[[[:,:,:","b\\"":"\\"[[[[[[","c":"\\\\"}', limits, 'body')).toBeUndefined();
  });

  it('names an escaped key in a path as it reads, and counts the items of arrays of arrays', () => {
    expect(jsonShapeError('{"\\u0061b":[1,[2,{"x":[[[0]]]}]]}', limits, 'body')).toEqual({ field: 'ab.1.1.x', message: 'nested deeper than 4 levels (SOCAI_MAX_JSON_DEPTH)' });
    expect(jsonShapeError('[[],[ ],[1],[1,2],1]', { ...limits, maxValues: 8 }, 'body')).toBeUndefined();
    expect(jsonShapeError('[[],[ ],[1],[1,2],1,2,3]', { ...limits, maxValues: 8 }, 'body')).toEqual({ field: 'body', message: 'a body may hold at most 8 keys and array items in all (SOCAI_MAX_JSON_VALUES)' });
  });

  it('accepts every command the contract allows with the defaults: a statement of 20,000 lines', () => {
    const lines = Array.from({ length: 20_000 }, (_, index) => ({ paymentRef: `P-${index}`, personId: '4500000001', amount: '1' }));
    expect(jsonShapeError(JSON.stringify({ statementRef: 'S', month: '2023-10', areaCode: '465', agent: 'x', lines }), DEFAULT_JSON_SHAPE_LIMITS, 'body')).toBeUndefined();
  });
});
