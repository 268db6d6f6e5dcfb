import { computeFundDues } from './assessment.js';

const everyone = (n: number) => ({ socialInsurance: n, healthInsurance: n, unemploymentInsurance: n });

describe('computeFundDues', () => {
  it('rounds each fund half-up to the đồng: 1,234,567 đ in 2023-05 → 395,062 đ', () => {
    expect(computeFundDues({ period: '2023-05', headcount: everyone(1), payroll: '1234567' })).toEqual({
      funds: { pension: '271605', sickness: '37037', accident: '6173', health: '55556', unemployment: '24691' },
      due: '395062',
      dueDate: '2023-05-31',
    });
  });

  it.each([
    ['2021-05', '16000000', '250000', '1000000'], // 32 %: before any relief
    ['2021-06', '16000000', '250000', '1000000'], // relief starts only on 2021-07-01
    ['2021-08', '15750000', '0', '1000000'], // NQ 68/NQ-CP: no TNLĐ–BNN
    ['2021-11', '15250000', '0', '500000'], // and NQ 116/NQ-CP: no employer BHTN
    ['2022-07', '15500000', '250000', '500000'], // TNLĐ–BNN back, BHTN relief until 2022-09-30
    ['2022-10', '16000000', '250000', '1000000'], // every relief over
  ])('payroll 50,000,000 for 10 persons in %s → %s (accident %s, unemployment %s)', (period, due, accident, unemployment) => {
    const result = computeFundDues({ period, headcount: everyone(10), payroll: '50000000' });
    expect(result.due).toBe(due);
    expect(result.funds.accident).toBe(accident);
    expect(result.funds.unemployment).toBe(unemployment);
  });

  it('caps the BHXH/BHYT base at 20 × base salary per person: 1 person, 100,000,000 in 2024-07 → base 46,800,000', () => {
    const result = computeFundDues({ period: '2024-07', headcount: everyone(1), payroll: '100000000' });
    // 46,800,000 × 25.5 % = 11,934,000; × 4.5 % = 2,106,000; BHTN base 99,200,000 (20 × 4,960,000) × 2 % = 1,984,000
    expect(result.funds).toEqual({ pension: '10296000', sickness: '1404000', accident: '234000', health: '2106000', unemployment: '1984000' });
    expect(result.due).toBe('16024000');
  });

  it('uses the cap of 20 × 1,490,000 until 2023-06 and 20 × 1,800,000 from 2023-07', () => {
    expect(computeFundDues({ period: '2023-06', headcount: everyone(1), payroll: '40000000' }).funds.pension).toBe('6556000');
    expect(computeFundDues({ period: '2023-07', headcount: everyone(1), payroll: '40000000' }).funds.pension).toBe('7920000');
  });

  it('caps each fund by its own headcount and uses the separate BHTN payroll', () => {
    const result = computeFundDues({
      period: '2023-05',
      headcount: { socialInsurance: 2, healthInsurance: 1, unemploymentInsurance: 0 },
      payroll: '80000000',
      unemploymentPayroll: '30000000',
    });
    // BHXH base 2 × 29,800,000 = 59,600,000; BHYT base 29,800,000; BHTN base 0 (nobody insured).
    expect(result.funds).toEqual({ pension: '13112000', sickness: '1788000', accident: '298000', health: '1341000', unemployment: '0' });
    expect(result.due).toBe('16539000');
  });

  it('takes the BHTN payroll when given, capped at 20 × region I minimum wage', () => {
    const result = computeFundDues({ period: '2023-05', headcount: everyone(1), payroll: '1000000', unemploymentPayroll: '2000000' });
    expect(result.funds.unemployment).toBe('40000');
    expect(computeFundDues({ period: '2023-05', headcount: everyone(1), payroll: '200000000' }).funds.unemployment).toBe('1872000');
  });

  it('dates the due under the rules of the period: 2025-07 is due 2025-08-31', () => {
    expect(computeFundDues({ period: '2025-07', headcount: everyone(1), payroll: '1000000' }).dueDate).toBe('2025-08-31');
  });

  it('refuses a period older than every configured rate', () => {
    expect(() => computeFundDues({ period: '2015-12', headcount: everyone(1), payroll: '1000000' })).toThrow(
      expect.objectContaining({ code: 'RULES_NOT_CONFIGURED' }),
    );
  });
});
