import { validateCommand } from './validate-command.js';
import { VALID_COMMANDS as cases } from './valid-commands.fixture.js';

/**
 * A copy made in this realm. Jest runs specs in a vm context where `structuredClone` returns objects
 * of the outer realm, which class-transformer and class-validator (instanceof Object) misjudge.
 */
const cloneJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('validateCommand accepts and normalises', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, { name, data, expected }) => {
    const input = cloneJson(data);
    const result = validateCommand(name, input);
    expect(result).toEqual({ ok: true, command: { command: name, data: expected } });
    if (!result.ok) return;
    // A plain object, not a DTO instance, all the way down; and the input is left as it was.
    expect(JSON.parse(JSON.stringify(result.command.data))).toStrictEqual(expected);
    expect(Object.getPrototypeOf(result.command.data)).toBe(Object.prototype);
    expect(input).toEqual(data);
  });

  it('covers every command', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(12);
  });

  it('leaves optional fields absent when not given, and treats null as not given', () => {
    const result = validateCommand('AssessContribution', {
      unitCode: 'TA0100A',
      period: '2024-03',
      headcount: { socialInsurance: 1, healthInsurance: 1, unemploymentInsurance: 1 },
      payroll: '5000000',
      unemploymentPayroll: null,
      assessedOn: '2024-03-31',
    });
    expect(result.ok && result.command.data).toStrictEqual({
      unitCode: 'TA0100A',
      period: '2024-03',
      headcount: { socialInsurance: 1, healthInsurance: 1, unemploymentInsurance: 1 },
      payroll: '5000000',
      assessedOn: '2024-03-31',
    });
    const payment = validateCommand('CollectContribution', {
      receiptNo: 'PT-3', payer: { kind: 'employer', unitCode: 'TA0100A' }, amount: '1', collectedOn: '2024-04-10',
    });
    expect(payment.ok && payment.command.data).toStrictEqual({
      receiptNo: 'PT-3', payer: { kind: 'employer', unitCode: 'TA0100A' }, amount: '1', collectedOn: '2024-04-10',
    });
  });
});
