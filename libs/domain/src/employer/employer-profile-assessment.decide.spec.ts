import type { Command } from '../commands.js';
import type { DomainEvent, FundDues } from '../events.js';
import { decideCommand } from '../ledger-decider.js';
import { given, testContext, type GivenFact } from '../testing/decider-scenario.js';

/**
 * The assessment with the employer's profile (issue 22 item 5): the BHTN cap of its own region, the
 * reliefs whose scope includes it, 0.3 % TNLĐ with an approved high-risk decision, and a pension
 * suspension; each fact reversal-aware. Figures worked by hand in each case.
 */
const stream = 'employer-BL00001';
const registered = (registeredOn: string, extra: object = {}): GivenFact => ({
  type: 'EmployerRegistered', data: { unitCode: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu', areaCode: '954', registeredOn, ...extra },
});
const changed = (effectiveOn: string, change: object): GivenFact => ({
  type: 'EmployerProfileChanged', data: { unitCode: 'BL00001', areaCode: '954', effectiveOn, ...change },
} as GivenFact);
const suspended: GivenFact = {
  type: 'FundSuspensionGranted', data: { unitCode: 'BL00001', areaCode: '954', fund: 'pension', from: '2021-07-01', to: '2021-12-31', decisionRef: 'QĐ 55/QĐ-BHXH' },
};
const reversed = (eventId: string, reversedType: 'EmployerProfileChanged' | 'FundSuspensionGranted', reversedPosition: number): GivenFact => ({
  type: 'EntryReversed', data: { eventId, reversedType, reversedPosition, reason: 'Nhập sai', reversedOn: '2024-09-02', areaCode: '954' },
});
const assess = (period: string, persons: number, payroll: string): Command => ({
  command: 'AssessContribution',
  data: { unitCode: 'BL00001', period, headcount: { socialInsurance: persons, healthInsurance: persons, unemploymentInsurance: persons }, payroll, assessedOn: `${period}-01` },
});

function dues(facts: GivenFact[], command: Command) {
  const [event] = decideCommand(command, given(stream, ...facts).state, testContext);
  const data = (event as Extract<DomainEvent, { type: 'ContributionAssessed' }>).data;
  return { ...data.funds, due: data.due };
}

describe('AssessContribution with the employer\'s profile', () => {
  const cases: [string, GivenFact[], Command, FundDues & { due: string }][] = [
    [
      // August 2024: base salary 2,340,000 → social cap 2 × 46,800,000 = 93,600,000 (payroll 200,000,000 capped):
      // pension 22 % 20,592,000; sickness 3 % 2,808,000; TNLĐ 0.5 % 468,000; health 4.5 % 4,212,000.
      // BHTN: region II 4,410,000 × 20 × 2 = 176,400,000 × 2 % = 3,528,000 (region I's cap would give 3,968,000).
      'region II (registered so) in August 2024: the BHTN cap of region II',
      [registered('2019-03-01', { wageRegion: 2 })], assess('2024-08', 2, '200000000'),
      { pension: '20592000', sickness: '2808000', accident: '468000', health: '4212000', unemployment: '3528000', due: '31608000' },
    ],
    [
      'region II by a change effective 2024-07-01: the same',
      [registered('2019-03-01'), changed('2024-07-01', { wageRegion: 2 })], assess('2024-08', 2, '200000000'),
      { pension: '20592000', sickness: '2808000', accident: '468000', health: '4212000', unemployment: '3528000', due: '31608000' },
    ],
    [
      'region II by a change effective 2024-09-01: August keeps region I\'s cap (99,200,000 × 2 × 2 % = 3,968,000)',
      [registered('2019-03-01'), changed('2024-09-01', { wageRegion: 2 })], assess('2024-08', 2, '200000000'),
      { pension: '20592000', sickness: '2808000', accident: '468000', health: '4212000', unemployment: '3968000', due: '32048000' },
    ],
    [
      'region II by a change that was reversed: region I again',
      [registered('2019-03-01'), changed('2024-07-01', { wageRegion: 2 }), reversed('evt-1', 'EmployerProfileChanged', 101)], assess('2024-08', 2, '200000000'),
      { pension: '20592000', sickness: '2808000', accident: '468000', health: '4212000', unemployment: '3968000', due: '32048000' },
    ],
    [
      // March 2022, 2 persons, 50,000,000 (under the social cap 59,600,000): pension 22 % 11,000,000; sickness 3 %
      // 1,500,000; TNLĐ 0 % (NQ 68); health 4.5 % 2,250,000; BHTN 1 % + 1 % = 1,000,000 (not NQ 116's: in BHTN from
      // 2022-01-10, after 2021-10-01). 15,750,000; with NQ 116 it would be 15,250,000.
      'registered 2022-01-10, March 2022: outside NQ 116',
      [registered('2022-01-10')], assess('2022-03', 2, '50000000'),
      { pension: '11000000', sickness: '1500000', accident: '0', health: '2250000', unemployment: '1000000', due: '15750000' },
    ],
    [
      'registered 2019-03-01, March 2022: inside NQ 116 (BHTN employer share 0 → 500,000)',
      [registered('2019-03-01')], assess('2022-03', 2, '50000000'),
      { pension: '11000000', sickness: '1500000', accident: '0', health: '2250000', unemployment: '500000', due: '15250000' },
    ],
    [
      // A budget-funded unit gets neither relief: TNLĐ 0.5 % 250,000 and BHTN 2 % 1,000,000 → 16,000,000.
      'a budget-funded unit in March 2022: neither NQ 68 nor NQ 116',
      [registered('2019-03-01', { sector: 'budget-funded-unit' })], assess('2022-03', 2, '50000000'),
      { pension: '11000000', sickness: '1500000', accident: '250000', health: '2250000', unemployment: '1000000', due: '16000000' },
    ],
    [
      // May 2023, 2 persons, 40,000,000: pension 8,800,000; sickness 1,200,000; TNLĐ 0.3 % 120,000 (0.5 % would be
      // 200,000); health 1,800,000; BHTN 800,000 → 12,720,000.
      'an approved high-risk employer in May 2023: TNLĐ 0.3 %',
      [registered('2019-03-01'), changed('2023-01-01', { highRiskApproval: { rate: '0.3', decisionRef: 'QĐ 12/LĐTBXH' } })], assess('2023-05', 2, '40000000'),
      { pension: '8800000', sickness: '1200000', accident: '120000', health: '1800000', unemployment: '800000', due: '12720000' },
    ],
    [
      // September 2021, 2 persons, 40,000,000: pension suspended → 0 (22 % would be 8,800,000); sickness 1,200,000;
      // TNLĐ 0 % (NQ 68); health 1,800,000; BHTN 2 % 800,000 (NQ 116 starts in October) → 3,800,000.
      'a pension suspension 2021-07-01..2021-12-31, September 2021: no pension dues',
      [registered('2019-03-01'), suspended], assess('2021-09', 2, '40000000'),
      { pension: '0', sickness: '1200000', accident: '0', health: '1800000', unemployment: '800000', due: '3800000' },
    ],
    [
      'the same suspension, January 2022 (after it): pension 8,800,000; BHTN 1 % (NQ 116) 400,000',
      [registered('2019-03-01'), suspended], assess('2022-01', 2, '40000000'),
      { pension: '8800000', sickness: '1200000', accident: '0', health: '1800000', unemployment: '400000', due: '12200000' },
    ],
    [
      'a reversed suspension, September 2021: pension owed again',
      [registered('2019-03-01'), suspended, reversed('evt-1', 'FundSuspensionGranted', 101)], assess('2021-09', 2, '40000000'),
      { pension: '8800000', sickness: '1200000', accident: '0', health: '1800000', unemployment: '800000', due: '12600000' },
    ],
  ];
  it.each(cases)('%s', (_name, facts, command, expected) => {
    expect(dues(facts, command)).toEqual(expected);
  });
});
