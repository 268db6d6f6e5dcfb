import { createHash } from 'node:crypto';
import type { Command } from '#domain';
import { checkCommandFile } from './command-file-checker.fixture.js';
import { generateCommands, resolveScenario, SCENARIO_DEFAULTS, type GenerateOptions } from './index.js';

const hashOf = (options: GenerateOptions, limit = Infinity) => {
  const hash = createHash('sha256');
  let count = 0;
  for (const line of generateCommands(options)) {
    if (count++ >= limit) break;
    hash.update(line).update('\n');
  }
  return hash.digest('hex');
};

describe('socai generate', () => {
  const demo = [...generateCommands({ scenario: 'demo', seed: 1 })];

  it('gives the same file for the same seed and another for another seed', () => {
    expect(hashOf({ scenario: 'demo', seed: 1 })).toBe(hashOf({ scenario: 'demo', seed: 1 }));
    expect(hashOf({ scenario: 'demo', seed: 1 }, 500)).not.toBe(hashOf({ scenario: 'demo', seed: 2 }, 500));
    expect(hashOf({ scenario: 'province', seed: 9 }, 2000)).toBe(hashOf({ scenario: 'province', seed: 9 }, 2000));
  });

  it('keeps the demo scenario stable (a regression guard: change it only on purpose)', () => {
    expect(demo.length).toBe(5630);
    expect(checkCommandFile(demo).byCommand).toEqual({
      RegisterEmployer: 60,
      AssignPlan: 22,
      AssessContribution: 1271,
      CollectContribution: 2033,
      ChangeEmployerStatus: 4,
      RecordInspection: 8,
      IssueBook: 24,
      IssueCard: 552,
      PayBenefit: 1344,
      AssessClaim: 312,
    });
  });

  it('writes only commands the ledger accepts, in business-date order, with unique references', () => {
    expect(checkCommandFile(demo).problems).toEqual([]);
    expect(checkCommandFile(generateCommands({ scenario: 'demo', seed: 7 })).problems).toEqual([]);
  });

  it('stays valid across several provinces and a run of 40 months up to June 2025', () => {
    const lines = [...generateCommands({ scenario: 'national', seed: 3, employers: 300, persons: 2000, months: 40 })];
    const result = checkCommandFile(lines);
    expect(result.problems).toEqual([]);
    const first = JSON.parse(lines.find((line) => line.includes('"AssessContribution"'))!) as Command;
    const last = JSON.parse(lines.filter((line) => line.includes('"AssessContribution"')).at(-1)!) as Command;
    expect(first.command === 'AssessContribution' && first.data.period).toBe('2022-03');
    expect(last.command === 'AssessContribution' && last.data.period).toBe('2025-06');
    const provinces = new Set(lines.filter((line) => line.includes('"RegisterEmployer"')).map((line) => (JSON.parse(line) as { data: { areaCode: string } }).data.areaCode));
    expect(provinces.size).toBeGreaterThan(8);
  });

  it('pays a named period exactly what the ledger assesses for it', () => {
    const parsed = demo.map((line) => JSON.parse(line) as Command);
    const named = parsed.find((command) => command.command === 'CollectContribution' && command.data.payer.kind === 'employer' && command.data.payer.period);
    if (named?.command !== 'CollectContribution' || named.data.payer.kind !== 'employer') throw new Error('no named payment');
    const { unitCode, period } = named.data.payer;
    const assessment = parsed.find((command) => command.command === 'AssessContribution' && command.data.unitCode === unitCode && command.data.period === period);
    if (assessment?.command !== 'AssessContribution') throw new Error('no assessment');
    // 2023–2024 rates: 30 % of payroll (pension 22, sickness 3, accident 0.5, health 4.5) and 2 % of the unemployment payroll.
    const due = (BigInt(assessment.data.payroll) * 30n + BigInt(assessment.data.unemploymentPayroll!) * 2n) / 100n;
    expect(named.data.amount).toBe(due.toString());
  });

  it('produces lines lazily', () => {
    const lines = generateCommands({ scenario: 'national', seed: 1 });
    const first = lines.next();
    expect(first.done).toBe(false);
    expect(JSON.parse(first.value as string).command).toBe('RegisterEmployer');
    lines.return(undefined);
  });
});

describe('the reorganisation scenario (npm run demo)', () => {
  const lines = [...generateCommands({ scenario: 'reorganisation', seed: 1 })];
  const parsed = lines.map((line) => JSON.parse(line) as Command);
  const areaOf = (command: Command): string | undefined => (command.data as { areaCode?: string }).areaCode;
  const dateOf = (command: Command): string => Object.entries(command.data).find(([key]) => /On$/.test(key))![1] as string;

  it('runs from mid-2024 to mid-2026 in Quảng Bình and the old Quảng Trị, the new Quảng Trị (44) after', () => {
    expect(resolveScenario({ scenario: 'reorganisation', seed: 1 })).toMatchObject({ from: '2024-07', to: '2026-06', employers: 90, persons: 450 });
    const periods = parsed.filter((command) => command.command === 'AssessContribution').map((command) => command.command === 'AssessContribution' && command.data.period);
    expect([periods[0], periods.at(-1)]).toEqual(['2024-07', '2026-06']);
    const before = new Set(parsed.filter((command) => dateOf(command) < '2025-07-01').map(areaOf).filter((code) => code?.length === 2));
    const after = new Set(parsed.filter((command) => dateOf(command) >= '2025-07-01').map(areaOf).filter((code) => code?.length === 2));
    expect([[...before].sort(), [...after].sort()]).toEqual([['44', '45'], ['44']]);
  });

  it('writes districts before 2025-07-01 and communes of 44 from then, and relocates some old employers', () => {
    const codes = (from: string, to: string) => new Set(parsed.filter((command) => dateOf(command) >= from && dateOf(command) < to).map(areaOf).filter((code): code is string => code !== undefined && code.length > 2));
    expect([...codes('0000', '2025-07-01')].every((code) => code.length === 3)).toBe(true);
    expect([...codes('2025-07-01', '9999')].every((code) => code.length === 5)).toBe(true);
    const relocations = parsed.filter((command) => command.command === 'RelocateEmployer');
    expect(relocations[0]).toEqual({ command: 'RelocateEmployer', data: expect.objectContaining({ effectiveOn: expect.stringMatching(/^2025-07-/) }) });
    expect(relocations.every((command) => dateOf(command) <= '2025-12-31')).toBe(true);
    expect(relocations.find((command) => command.command === 'RelocateEmployer' && command.data.unitCode.startsWith('DN465'))?.data).toMatchObject({ areaCode: '19429' });
  });

  it('is valid, deterministic and stable (a regression guard: change it only on purpose)', () => {
    expect(checkCommandFile(lines).problems).toEqual([]);
    expect(hashOf({ scenario: 'reorganisation', seed: 1 })).toBe(hashOf({ scenario: 'reorganisation', seed: 1 }));
    expect(lines.length).toBe(8857);
    expect(checkCommandFile(lines).byCommand).toEqual({
      RegisterEmployer: 90,
      AssignPlan: 59,
      AssessContribution: 1963,
      CollectContribution: 3006,
      ChangeEmployerStatus: 6,
      RelocateEmployer: 53,
      RecordInspection: 8,
      IssueBook: 32,
      IssueCard: 881,
      PayBenefit: 2183,
      AssessClaim: 576,
    });
  });
});

describe('scenario options', () => {
  it('ends a run of up to two years in December 2024, a longer one in June 2025', () => {
    expect(resolveScenario({ scenario: 'demo', seed: 1 })).toMatchObject({ from: '2023-01', to: '2024-12', employers: 60, persons: 300, months: 24 });
    expect(resolveScenario({ scenario: 'province', seed: 1, months: 6 })).toMatchObject({ from: '2024-07', to: '2024-12', employers: 3000 });
    expect(resolveScenario({ scenario: 'national', seed: 1, months: 30 })).toMatchObject({ from: '2023-01', to: '2025-06' });
    expect(SCENARIO_DEFAULTS.province).toMatchObject({ employers: 3000, persons: 20000, months: 24 });
  });

  it('refuses options out of range', () => {
    expect(() => resolveScenario({ scenario: 'demo', seed: 1, months: 0 })).toThrow(RangeError);
    expect(() => resolveScenario({ scenario: 'demo', seed: -1 })).toThrow(RangeError);
    expect(() => resolveScenario({ scenario: 'nowhere' as 'demo', seed: 1 })).toThrow(RangeError);
  });
});

describe('the test referee', () => {
  it('notices the breaches it is there to catch', () => {
    const line = (command: string, data: object) => JSON.stringify({ command, data });
    const { problems } = checkCommandFile([
      line('RegisterEmployer', { unitCode: 'DN1', name: 'A', areaCode: '461', registeredOn: '2023-01-02' }),
      line('RegisterEmployer', { unitCode: 'DN2', name: 'B', areaCode: '999', registeredOn: '2023-01-02' }),
      line('AssessContribution', { unitCode: 'DN3', period: '2023-02', headcount: { socialInsurance: 5, healthInsurance: 5, unemploymentInsurance: 5 }, payroll: '1.5', assessedOn: '2023-02-01' }),
      line('CollectContribution', { receiptNo: 'R1', payer: { kind: 'employer', unitCode: 'DN1', period: '2023-02' }, amount: '10', collectedOn: '2023-02-02' }),
      line('CollectContribution', { receiptNo: 'R1', payer: { kind: 'employer', unitCode: 'DN1' }, amount: '10', collectedOn: '2023-02-02' }),
      line('IssueCard', { cardNo: 'DN4454512345678', personId: '4512345678', areaCode: '461', validFrom: '2023-03-01', validTo: '2024-02-29', issuedOn: '2023-03-01' }),
      line('IssueCard', { cardNo: 'DN4454512345678', personId: '4512345678', areaCode: '461', validFrom: '2024-02-01', validTo: '2025-01-31', issuedOn: '2023-03-01' }),
      line('PayBenefit', { paymentRef: 'P1', personId: '4512345678', benefit: 'pension', payoutMonth: '2023-02', amount: '1', channel: 'office', areaCode: '461', paidOn: '2023-02-05' }),
    ]);
    expect(problems).toEqual([
      'line 2: unknown area 999 on 2023-01-02',
      'line 3: amount 1.5',
      'line 3: employer DN3 not registered',
      'line 4: DN1 pays unassessed 2023-02',
      'line 5: duplicate key receipt R1',
      'line 7: card overlap for 4512345678',
      'line 8: 2023-02-05 comes after 2023-03-01',
    ]);
  });
});
