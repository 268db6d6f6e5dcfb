import { quoteLooseNumbers } from './loose-numbers.js';

describe('quoteLooseNumbers', () => {
  it.each([
    ['{"amount":1e3}', '{"amount":{"$jsonNumber":"1e3"}}'],
    ['{"amount": 1000.0}', '{"amount": {"$jsonNumber":"1000.0"}}'],
    ['{"amount":-0}', '{"amount":{"$jsonNumber":"-0"}}'],
    ['{"amount":-0.0,"n":[1,2.5E-3]}', '{"amount":{"$jsonNumber":"-0.0"},"n":[1,{"$jsonNumber":"2.5E-3"}]}'],
    ['[1E+2]', '[{"$jsonNumber":"1E+2"}]'],
  ])('quotes %s', (text, quoted) => {
    expect(quoteLooseNumbers(text)).toBe(quoted);
    expect(() => JSON.parse(quoted)).not.toThrow();
  });

  it.each([
    '{"amount":1000,"n":-5,"z":0}',
    '{"name":"a: 1.5e3, [-0]","d":"2024-03-01"}',
    '{"name":"quote \\" then :1.5","amount":"1.5"}',
    '{"x":"\\\\","y":12}',
  ])('leaves %s alone: no number literal in it is loose', (text) => {
    expect(quoteLooseNumbers(text)).toBe(text);
  });

  it('leaves text that is not JSON not JSON', () => {
    expect(() => JSON.parse(quoteLooseNumbers('{"a": 1.5'))).toThrow(SyntaxError);
  });
});
