import fc from 'fast-check';
import { dtoClassFor } from './command-dtos.js';
import { fastNormalise } from './fast-path.js';
import { REFUSALS } from './refused-commands.fixture.js';
import { VALID_COMMANDS } from './valid-commands.fixture.js';
import { validateWithLibraries } from './validate-command.js';

/**
 * The fast path may only accept what class-transformer + class-validator accept, with the same
 * result; and it should accept all of that, or the import is slow for nothing.
 */
function bothPaths(name: string, data: object) {
  const dtoClass = dtoClassFor(name)!;
  return { fast: fastNormalise(dtoClass, cloneJson(data)), thorough: validateWithLibraries(name, dtoClass, cloneJson(data)) };
}

/**
 * A copy made in this realm. Jest runs specs in a vm context where `structuredClone` returns objects
 * of the outer realm, which class-transformer and class-validator (instanceof Object) misjudge.
 */
const cloneJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('fast path', () => {
  it.each(VALID_COMMANDS.map((c) => [c.name, c] as const))('accepts a valid %s exactly as the libraries do', (_n, { name, data, expected }) => {
    const { fast, thorough } = bothPaths(name, data);
    expect(fast).toStrictEqual(expected);
    expect(thorough).toEqual({ ok: true, command: { command: name, data: expected } });
  });

  it.each(REFUSALS.filter(([, name, data]) => dtoClassFor(name) && typeof data === 'object' && data !== null && !Array.isArray(data)))(
    'leaves "%s" to the libraries',
    (_what, name, data) => {
      expect(fastNormalise(dtoClassFor(name)!, data as object)).toBeUndefined();
    },
  );

  it('agrees with the libraries on random damage to valid commands', () => {
    const awkward = fc.oneof(
      fc.constantFrom<unknown>(
        undefined, null, '', ' ', '0', '12.5', '-5', '1e5', '1000', '1000000000000000000', '1000000000000000001',
        0, 1, -1, 12.5, 2 ** 53, 2 ** 53 - 1, 1e21, NaN, true, false, [], {}, [{}], 'employer', 'person', 'pension',
        '2024-02-29', '2023-02-29', '2024-13', '2024-03', 'TA0100A', '4501234567', '450123456789', 'DN4950123456789', '465',
        { kind: 'employer', unitCode: 'TA0100A' },
        { kind: 'person', personId: '4501234567', scheme: 'voluntary-social-insurance', coverFrom: '2024-01', coverTo: '2024-02' },
        { kind: 'employer', unitCode: 'TA0100A', coverTo: '2024-02' },
        { socialInsurance: 1, healthInsurance: 1, unemploymentInsurance: 1 },
        [{ paymentRef: 'CT-1', personId: '4501234567', amount: 1 }],
      ),
      fc.string(),
      fc.integer(),
      fc.double(),
    );
    const damage = fc.record({
      index: fc.nat(),
      path: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      value: awkward,
      extraKey: fc.option(fc.constantFrom('note', 'kind', 'toString', 'amount', 'period', '0'), { nil: undefined }),
    });
    fc.assert(
      fc.property(damage, ({ index, path, value, extraKey }) => {
        const { name, data } = VALID_COMMANDS[index % VALID_COMMANDS.length];
        const damaged = cloneJson(data) as Record<string, unknown>;
        let target: Record<string, unknown> = damaged;
        let key = '';
        for (const step of path) {
          const keys = Object.keys(target);
          key = extraKey ?? keys[step % keys.length];
          const next = target[key];
          if (typeof next !== 'object' || next === null || step === path[path.length - 1]) break;
          target = next as Record<string, unknown>;
        }
        target[key] = value;
        const { fast, thorough } = bothPaths(name, damaged);
        if (fast !== undefined) expect(thorough).toEqual({ ok: true, command: { command: name, data: fast } });
        if (thorough.ok && !(key in Object.prototype)) expect(fast).toEqual(thorough.command.data);
      }),
      { numRuns: 3000, seed: 20240301 },
    );
  });
});
