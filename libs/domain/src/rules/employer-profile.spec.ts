import { Dec } from '../money.js';
import { bhtnSinceOf, employerRatesOn, profileOn, reliefScope, RELIEFS, suspensionFor, type EmployerProfileFacts } from './employer-profile.js';
import { unemploymentCapFor, type WageRegion } from './wage-regions.js';

describe('unemploymentCapFor: 20 × the employer\'s own regional minimum wage', () => {
  const cases: [WageRegion, string, string][] = [
    [1, '2024-08-01', '99200000'],
    [2, '2024-08-01', '88200000'],
    [3, '2024-08-01', '77200000'],
    [4, '2024-08-01', '69000000'],
    [2, '2024-06-30', '83200000'],
    [4, '2022-08-01', '65000000'],
    [2, '2026-01-01', '94600000'],
  ];
  it.each(cases)('region %s on %s: %s', (region, date, cap) => {
    expect(unemploymentCapFor(region, date)).toBe(cap);
  });

  it('caps a region II employer\'s BHTN base below region I\'s: 2 persons, payroll 200,000,000 in August 2024', () => {
    // Region II: 2 × 88,200,000 = 176,400,000 × 2 % = 3,528,000; region I's cap (2 × 99,200,000) would give 3,968,000.
    const due = (region: WageRegion) => Dec.min('200000000', new Dec(unemploymentCapFor(region, '2024-08-01')!).times(2)).times('0.02').toFixed(0);
    expect({ regionII: due(2), regionI: due(1) }).toEqual({ regionII: '3528000', regionI: '3968000' });
  });

  it('has no wage before the first decree', () => {
    expect(unemploymentCapFor(1, '2015-12-31')).toBeUndefined();
  });
});

describe('profileOn', () => {
  it('defaults to region I and enterprise, and applies dated changes in date order', () => {
    const facts: EmployerProfileFacts = {
      changes: [
        { effectiveOn: '2023-01-01', wageRegion: 3 },
        { effectiveOn: '2022-01-01', wageRegion: 2, sector: 'cooperative', highRiskApproval: { rate: '0.3', decisionRef: 'QĐ 1/LĐTBXH' } },
        { effectiveOn: '2024-01-01', highRiskApproval: null },
      ],
      suspensions: [],
    };
    expect(profileOn(facts, '2021-12-31')).toEqual({ wageRegion: 1, sector: 'enterprise', bhtnSince: undefined, suspensions: [] });
    expect(profileOn(facts, '2023-06-01')).toMatchObject({ wageRegion: 3, sector: 'cooperative', highRiskApproval: { rate: '0.3' } });
    expect(profileOn(facts, '2024-06-01')).not.toHaveProperty('highRiskApproval');
  });
});

describe('reliefs as rules with a scope', () => {
  const employer = (facts: Partial<EmployerProfileFacts> & { sector?: 'enterprise' | 'state-agency' | 'budget-funded-unit' }, date: string) =>
    profileOn({ changes: facts.sector ? [{ effectiveOn: '2016-01-01', sector: facts.sector }] : [], suspensions: facts.suspensions ?? [], bhtnSince: facts.bhtnSince }, date);
  const nq116 = RELIEFS.find((relief) => relief.id === 'NQ116-unemployment')!;

  const cases: [string, ReturnType<typeof employer>, string, { unemployment: string; accident: string }][] = [
    ['an enterprise in BHTN since 2019, March 2022: both reliefs', employer({ bhtnSince: '2019-01-01' }, '2022-03-01'), '2022-03-01', { unemployment: '0', accident: '0' }],
    ['an enterprise that joined BHTN on 2021-11-15 is outside NQ 116 in 2022', employer({ bhtnSince: '2021-11-15' }, '2022-03-01'), '2022-03-01', { unemployment: '1', accident: '0' }],
    ['an enterprise with no BHTN start recorded is outside NQ 116', employer({}, '2022-03-01'), '2022-03-01', { unemployment: '1', accident: '0' }],
    ['a budget-funded public unit gets neither relief (NQ 68, NQ 116)', employer({ sector: 'budget-funded-unit', bhtnSince: '2019-01-01' }, '2022-03-01'), '2022-03-01', { unemployment: '1', accident: '0.5' }],
    ['a state agency in August 2021 pays TNLĐ 0.5 %', employer({ sector: 'state-agency' }, '2021-08-01'), '2021-08-01', { unemployment: '1', accident: '0.5' }],
    ['after the reliefs, everyone pays the general rates', employer({ bhtnSince: '2019-01-01' }, '2022-10-01'), '2022-10-01', { unemployment: '1', accident: '0.5' }],
  ];
  it.each(cases)('%s', (_name, profile, date, expected) => {
    const { rates } = employerRatesOn(profile, date)!;
    expect({ unemployment: rates.unemployment.employerPercent, accident: rates.accident.employerPercent }).toEqual(expected);
    expect(rates.unemployment.employeePercent).toBe('1');
  });

  it('says why an employer is outside a relief, and the trace names the rule applied', () => {
    const profile = employer({ bhtnSince: '2021-11-15' }, '2022-03-01');
    expect(reliefScope(nq116, profile, '2022-03-01')).toEqual({ applies: false, reason: 'NQ116-unemployment is for employers in BHTN before 2021-10-01' });
    expect(employerRatesOn(profile, '2022-03-01')!.sources.unemployment).toBe('Luật Việc làm 2013 art. 57 (NQ116-unemployment is for employers in BHTN before 2021-10-01)');
  });

  it('charges an employer outside NQ 116 15,750,000 on a 50,000,000 payroll in March 2022, where one inside pays 15,250,000', () => {
    const total = (bhtnSince: string) => {
      const { rates } = employerRatesOn(employer({ bhtnSince }, '2022-03-01'), '2022-03-01')!;
      const percent = Object.values(rates).reduce((sum, rate) => sum.plus(rate.employerPercent).plus(rate.employeePercent), new Dec(0));
      return new Dec('50000000').times(percent).dividedBy(100).toFixed(0);
    };
    // Outside NQ 116 but inside NQ 68: 32 % − 0.5 % TNLĐ = 31.5 %; inside both: 30.5 %.
    expect({ outside: total('2021-11-15'), inside: total('2019-01-01') }).toEqual({ outside: '15750000', inside: '15250000' });
  });

  it.each([
    ['registered in 2020: in BHTN before 2021-10-01, NQ 116 applies in March 2022', '2020-06-15', '0', 'NQ 116/NQ-CP'],
    ['registered in 2022: not in BHTN before 2021-10-01, no NQ 116 relief in March 2022', '2022-01-10', '1', 'is for employers in BHTN before 2021-10-01'],
    ['registered on 2021-10-01 itself: not before it, no relief', '2021-10-01', '1', 'is for employers in BHTN before 2021-10-01'],
  ])('derives bhtnSince on replay from the registration: %s', (_name, registeredOn, unemploymentEmployerPercent, source) => {
    const profile = profileOn({ registeredOn, changes: [], suspensions: [] }, '2022-03-01');
    expect(profile.bhtnSince).toBe(registeredOn);
    const { rates, sources } = employerRatesOn(profile, '2022-03-01')!;
    expect(rates.unemployment.employerPercent).toBe(unemploymentEmployerPercent);
    expect(sources.unemployment).toContain(source);
  });

  it('keeps an explicit bhtnSince over the registration date', () => {
    expect(bhtnSinceOf({ registeredOn: '2022-01-10', bhtnSince: '2019-01-01' })).toBe('2019-01-01');
    expect(bhtnSinceOf({})).toBeUndefined();
  });

  it('charges 0.3 % TNLĐ to an approved high-risk employer, but NQ 68\'s 0 % where it applies', () => {
    const facts: EmployerProfileFacts = { changes: [{ effectiveOn: '2021-01-01', highRiskApproval: { rate: '0.3', decisionRef: 'QĐ 12/QĐ-LĐTBXH' } }], suspensions: [] };
    expect(employerRatesOn(profileOn(facts, '2021-03-01'), '2021-03-01')!.rates.accident.employerPercent).toBe('0.3');
    expect(employerRatesOn(profileOn(facts, '2021-08-01'), '2021-08-01')!.rates.accident.employerPercent).toBe('0');
    expect(employerRatesOn(profileOn(facts, '2023-03-01'), '2023-03-01')!.sources.accident).toContain('QĐ 12/QĐ-LĐTBXH');
  });

  it('finds the pension suspension decision covering a period, and leaves the rate as it is', () => {
    const profile = employer({ suspensions: [{ fund: 'pension', from: '2021-08-01', to: '2022-01-31', decisionRef: 'QĐ 5/BHXH' }] }, '2021-09-01');
    expect(suspensionFor(profile, 'pension', '2021-09')?.decisionRef).toBe('QĐ 5/BHXH');
    expect(suspensionFor(profile, 'pension', '2022-02')).toBeUndefined();
    expect(employerRatesOn(profile, '2021-09-01')!.rates.pension).toEqual({ employerPercent: '14', employeePercent: '8' });
  });
});
