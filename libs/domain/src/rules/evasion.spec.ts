import { evasionOn, type EvasionFinding, type EvasionInput, type ForceMajeureSpan } from './evasion.js';

// Period 2025-08 is due 2025-09-30 (Luật BHXH 2024: the last day of the next month); day 61 after it is 2025-11-30.
const august = { period: '2025-08', dueDate: '2025-09-30' };
const reminder = { reminderRef: 'ĐĐ-0123/BHXH', sentOn: '2025-10-08' };
const flood: ForceMajeureSpan = { from: '2025-12-10', to: '2025-12-20', reason: 'flood', documentRef: 'QĐ 77/UBND' };
const input = (asOf: string, more: Partial<EvasionInput> = {}): EvasionInput => ({ periods: [august], reminders: [reminder], forceMajeure: [], asOf, ...more });
const since = (day: string, extra = ''): Pick<EvasionFinding, 'since' | 'reminderRef' | 'period'> & { basis: string } => ({
  since: day, reminderRef: 'ĐĐ-0123/BHXH', period: '2025-08',
  basis: `period 2025-08 due 2025-09-30 still unpaid more than 60 days after its deadline${extra}; reminder ĐĐ-0123/BHXH sent 2025-10-08; `
    + 'Luật BHXH 2024 art. 39 cl. 1 đ–e; NĐ 274/2025/NĐ-CP of 2025-10-16 (in force 2025-11-30) art. 3 (written reminder in the first 10 days of each month), '
    + 'art. 4 (force majeure announced by the competent authority is not evasion), art. 6 (days counted from the day after the deadline)',
});

describe('evasionOn', () => {
  const cases: [string, EvasionInput, ReturnType<typeof since> | undefined][] = [
    ['day 60 after the deadline is still late payment', input('2025-11-29'), undefined],
    ['day 61 after a reminder is evasion', input('2025-11-30'), since('2025-11-30')],
    ['stays evasion while unpaid', input('2025-12-31'), since('2025-11-30')],
    ['no reminder, no evasion', input('2025-12-31', { reminders: [] }), undefined],
    ['a reminder sent before the deadline does not count', input('2025-12-31', { reminders: [{ reminderRef: 'early', sentOn: '2025-09-15' }] }), undefined],
    ['a reminder sent on day 66 starts it that day', input('2025-12-31', { reminders: [{ ...reminder, sentOn: '2025-12-05' }] }),
      { ...since('2025-12-05'), basis: since('2025-12-05').basis.replace('sent 2025-10-08', 'sent 2025-12-05') }],
    ['paid on day 60: never evasion', input('2025-12-31', { periods: [{ ...august, settledOn: '2025-11-29' }] }), undefined],
    ['paid on day 70: no longer evasion', input('2025-12-31', { periods: [{ ...august, settledOn: '2025-12-09' }] }), undefined],
    ['suspended by force majeure on the days it covers', input('2025-12-15', { forceMajeure: [flood] }), undefined],
    // After the flood, evasion resumes from the day after it.
    ['resumes the day after the force majeure ends', input('2026-01-05', { forceMajeure: [flood] }), since('2025-12-21', ', 11 day(s) of force majeure not counted')],
    // Force majeure inside the first 60 days stops the clock: 10 days from 2025-10-01 move day 61 to 2025-12-10.
    ['force majeure within the 60 days does not count',
      input('2025-12-31', { forceMajeure: [{ ...flood, from: '2025-10-01', to: '2025-10-10' }] }), since('2025-12-10', ', 10 day(s) of force majeure not counted')],
    ['day 70 under a 10-day force majeure is day 60', input('2025-12-09', { forceMajeure: [{ ...flood, from: '2025-10-01', to: '2025-10-10' }] }), undefined],
  ];
  it.each(cases)('%s', (_name, given, expected) => {
    expect(evasionOn(given)).toEqual(expected);
  });

  it('before 2025-07-01 delay alone was never evasion: a debt of 2024 becomes evasion on 2025-07-01', () => {
    const old = { period: '2024-01', dueDate: '2024-01-31' };
    const remindedIn2024 = { reminderRef: 'CV-9/BHXH', sentOn: '2024-03-05' };
    expect(evasionOn({ periods: [old], reminders: [remindedIn2024], forceMajeure: [], asOf: '2025-06-30' })).toBeUndefined();
    const finding = evasionOn({ periods: [old], reminders: [remindedIn2024], forceMajeure: [], asOf: '2025-08-01' });
    expect(finding).toMatchObject({ since: '2025-07-01', reminderRef: 'CV-9/BHXH', period: '2024-01' });
    expect(finding?.basis).toContain('Law 41/2024/QH15) art. 39 cl. 1 đ–e');
  });

  it('walks a debt ten years late in stretches: evasion from 2025-07-01, broken by force majeure, resumed after it', () => {
    const old = { period: '2016-01', dueDate: '2016-01-31' };
    const finding = evasionOn({
      periods: [old], reminders: [{ reminderRef: 'CV-1/BHXH', sentOn: '2016-03-01' }],
      forceMajeure: [{ from: '2025-07-10', to: '2025-07-20', reason: 'storm', documentRef: 'QĐ 9/UBND' }], asOf: '2026-01-01',
    });
    expect(finding).toMatchObject({ since: '2025-07-21', reminderRef: 'CV-1/BHXH', period: '2016-01' });
    expect(finding?.basis).toContain('11 day(s) of force majeure not counted');
  });

  it('reports the period in evasion longest', () => {
    const september = { period: '2025-09', dueDate: '2025-10-31' };
    expect(evasionOn(input('2026-01-15', { periods: [september, august] }))).toMatchObject({ since: '2025-11-30', period: '2025-08' });
  });
});
