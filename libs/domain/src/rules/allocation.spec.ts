import { addMoney } from '../money.js';
import { allocatePayment, type AllocationLine, type Receivable } from './allocation.js';

/** One month's contributions of a 50,000,000 payroll split by fund, as owed. */
const month = (period: string): Receivable[] => [
  { period, fund: 'pension', kind: 'principal', amount: '11000000' },
  { period, fund: 'sickness', kind: 'principal', amount: '1500000' },
  { period, fund: 'accident', kind: 'principal', amount: '250000' },
  { period, fund: 'health', kind: 'principal', amount: '3000000' },
  { period, fund: 'unemployment', kind: 'principal', amount: '1000000' },
];
const owed: Receivable[] = [
  ...month('2025-02'),
  ...month('2025-01'),
  { period: '2025-01', fund: 'pension', kind: 'interest', amount: '200000' },
  { period: '2025-01', fund: 'health', kind: 'interest', amount: '50000' },
];
const line = (period: string, fund: AllocationLine['fund'], amount: string, kind: AllocationLine['kind'] = 'principal'): AllocationLine => ({ period, fund, kind, amount });

describe('allocatePayment', () => {
  it('settles health, then unemployment, then sickness, TNLĐ and pension, oldest period first, each fund\'s interest after its contributions', () => {
    // 20,000,000: health 3,000,000 + 3,000,000 + interest 50,000; unemployment 2 × 1,000,000; sickness 2 × 1,500,000;
    // TNLĐ 2 × 250,000; that is 11,550,000, so 8,450,000 is left for January's pension.
    const allocation = allocatePayment({ amount: '20000000', paidOn: '2025-03-20' }, owed);
    expect(allocation.lines).toEqual([
      line('2025-01', 'health', '3000000'), line('2025-02', 'health', '3000000'), line('2025-01', 'health', '50000', 'interest'),
      line('2025-01', 'unemployment', '1000000'), line('2025-02', 'unemployment', '1000000'),
      line('2025-01', 'sickness', '1500000'), line('2025-02', 'sickness', '1500000'),
      line('2025-01', 'accident', '250000'), line('2025-02', 'accident', '250000'),
      line('2025-01', 'pension', '8450000'),
    ]);
    expect(allocation.unallocated).toBe('0');
    expect(allocation.ruleSource).toContain('QĐ 60/2015/QĐ-TTg art. 6');
  });

  it('settles a named period first, then the rest in the same order', () => {
    // February's 16,750,000 first; the 3,250,000 left: January's health 3,000,000, its interest 50,000, then 200,000 of unemployment.
    const allocation = allocatePayment({ amount: '20000000', paidOn: '2025-03-20', period: '2025-02' }, owed);
    expect(allocation.lines).toEqual([
      line('2025-02', 'health', '3000000'), line('2025-02', 'unemployment', '1000000'), line('2025-02', 'sickness', '1500000'),
      line('2025-02', 'accident', '250000'), line('2025-02', 'pension', '11000000'),
      line('2025-01', 'health', '3000000'), line('2025-01', 'health', '50000', 'interest'), line('2025-01', 'unemployment', '200000'),
    ]);
  });

  it('keeps what is left over once everything is settled, and names NĐ 233/2025 for a payment after it', () => {
    const allocation = allocatePayment({ amount: '40000000', paidOn: '2025-09-01' }, owed);
    const settled = addMoney(...allocation.lines.map((l) => l.amount));
    expect({ settled, unallocated: allocation.unallocated, lines: allocation.lines.length }).toEqual({ settled: '33750000', unallocated: '6250000', lines: 12 });
    expect(allocation.ruleSource).toContain('NĐ 233/2025/NĐ-CP');
  });
});
