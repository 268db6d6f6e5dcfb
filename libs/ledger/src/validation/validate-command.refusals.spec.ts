import { validateCommand } from './validate-command.js';
import { REFUSALS as refusals, statement, withAmount } from './refused-commands.fixture.js';

describe('validateCommand refuses', () => {
  it.each(refusals)('%s', (_what, name, data, errors) => {
    expect(validateCommand(name, data)).toEqual({ ok: false, errors });
  });
});

describe('money at the edges', () => {
  it('accepts exactly 10^15 đồng, the bound, and refuses one đồng more', () => {
    const result = validateCommand('PayBenefit', withAmount('1000000000000000'));
    expect(result.ok && result.command.data).toMatchObject({ amount: '1000000000000000' });
    expect(validateCommand('PayBenefit', withAmount('1000000000000001'))).toEqual({
      ok: false, errors: [{ field: 'amount', message: 'must not exceed 10^15 đồng' }],
    });
  });

  it('normalises a safe JSON integer to its decimal string', () => {
    expect(validateCommand('PayBenefit', withAmount(1000))).toMatchObject({ ok: true, command: { data: { amount: '1000' } } });
    expect(validateCommand('PayBenefit', withAmount(10 ** 15))).toMatchObject({
      ok: true,
      command: { data: { amount: '1000000000000000' } },
    });
    // A safe integer is still a number over the bound.
    expect(validateCommand('PayBenefit', withAmount(2 ** 53 - 1))).toEqual({
      ok: false, errors: [{ field: 'amount', message: 'must not exceed 10^15 đồng' }],
    });
  });

  it('accepts zero', () => {
    expect(validateCommand('PayBenefit', withAmount(0))).toMatchObject({ ok: true, command: { data: { amount: '0' } } });
  });
});

describe('error volume', () => {
  it('lists at most 100 errors and says how many more there were', () => {
    const lines = Array.from({ length: 150 }, (_, i) => ({ paymentRef: `CT-${i}`, personId: '4501234567', amount: '-1' }));
    const result = validateCommand('ReconcilePayouts', { ...statement, lines });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(101);
    expect(result.errors[99]).toEqual({ field: 'lines.99.amount', message: 'must not be negative' });
    expect(result.errors[100]).toEqual({ field: 'data', message: 'and 50 more errors not listed' });
  });
});
