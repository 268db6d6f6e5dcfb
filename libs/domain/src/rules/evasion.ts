import { addDays, daysBetween, type IsoDate, type IsoMonth } from '../calendar.js';
import { rowOn, type DatedTable } from './dated-table.js';

/** When late payment becomes evasion by its length: more than `daysAfterDeadline` days, counted as below. */
export interface EvasionByDelay {
  daysAfterDeadline: number;
  /** Only once the agency has sent the employer a written reminder (đôn đốc) after the deadline. */
  reminderRequired: boolean;
}

/**
 * Evasion (trốn đóng) by the length of a delay. Before 2025-07-01 no delay, however long, made late
 * payment evasion: evasion was a finding (not registering employees, declaring a lower salary) that the
 * ledger records from an inspection, not a status it derives (null row). From 2025-07-01 a debt still
 * unpaid more than 60 days after the deadline is evasion; force majeure days do not count.
 */
export const EVASION_RULES: DatedTable<EvasionByDelay | null> = [
  {
    from: '2016-01-01', value: null, verify: true,
    source: 'Luật BHXH 2014 art. 17 cl. 1–2 and art. 122 (chậm đóng and trốn đóng are distinct acts; no delay length turns one into the other)',
  },
  {
    // The Law defines it from 2025-07-01; the decree detailing the reminder and force majeure came later.
    from: '2025-07-01', value: { daysAfterDeadline: 60, reminderRequired: true }, verify: true,
    source: 'Luật BHXH 2024 (Law 41/2024/QH15) art. 39 cl. 1 đ–e (still unpaid 60 days after the latest payment date, having been urged under art. 35)',
  },
  {
    from: '2025-11-30', value: { daysAfterDeadline: 60, reminderRequired: true },
    source: 'Luật BHXH 2024 art. 39 cl. 1 đ–e; NĐ 274/2025/NĐ-CP of 2025-10-16 (in force 2025-11-30) art. 3 (written reminder in the first 10 days of each month), art. 4 (force majeure announced by the competent authority is not evasion), art. 6 (days counted from the day after the deadline)',
  },
];

/** A period's deadline and, once it is, the day nothing of it was late any more. */
export interface PeriodDeadline {
  period: IsoMonth;
  dueDate: IsoDate;
  settledOn?: IsoDate;
}

export interface EmployerReminder {
  reminderRef: string;
  sentOn: IsoDate;
}

/** A recognised force-majeure span (disaster, epidemic, emergency announced by the authorities), both days included. */
export interface ForceMajeureSpan {
  from: IsoDate;
  to: IsoDate;
  reason: string;
  documentRef: string;
}

export interface EvasionFinding {
  since: IsoDate;
  reminderRef: string;
  period: IsoMonth;
  basis: string;
}

export interface EvasionInput {
  periods: readonly PeriodDeadline[];
  reminders: readonly EmployerReminder[];
  forceMajeure: readonly ForceMajeureSpan[];
  asOf: IsoDate;
}

/**
 * The employer's evasion status on `asOf`, or undefined. A period is in evasion on a day when it is
 * still unpaid, more than 60 of its late days have passed (days under force majeure not counted), a
 * reminder was sent after its deadline and on or before that day, the day is not under force majeure,
 * and the rule in force that day makes delay evasion. `since` is the first day of the unbroken run of
 * such days up to `asOf` (a force-majeure span suspends it; evasion resumes after it, from the day after).
 * Of several periods in evasion, the one in evasion longest is reported.
 */
export function evasionOn(input: EvasionInput, rules: DatedTable<EvasionByDelay | null> = EVASION_RULES): EvasionFinding | undefined {
  let found: EvasionFinding | undefined;
  for (const period of input.periods) {
    const finding = periodEvasion(period, input, rules);
    if (finding && (!found || finding.since < found.since)) found = finding;
  }
  return found;
}

function underForceMajeure(spans: readonly ForceMajeureSpan[], day: IsoDate): ForceMajeureSpan | undefined {
  return spans.find((span) => span.from <= day && day <= span.to);
}

function periodEvasion(period: PeriodDeadline, input: EvasionInput, rules: DatedTable<EvasionByDelay | null>): EvasionFinding | undefined {
  if (period.settledOn !== undefined && period.settledOn <= input.asOf) return undefined;
  const reminder = [...input.reminders].filter((r) => r.sentOn > period.dueDate && r.sentOn <= input.asOf).sort((a, b) => (a.sentOn < b.sentOn ? -1 : 1))[0];
  // No finding is ever made without a reminder (the end of this function asks for one): skip the count of days.
  if (!reminder) return undefined;
  // The days are walked in stretches over which nothing changes (force majeure, the rule in force, the
  // reminder), not one by one: a debt years late is thousands of days and each query walks every period.
  const first = addDays(period.dueDate, 1);
  const cuts = new Set<IsoDate>([first, reminder.sentOn]);
  for (const span of input.forceMajeure) cuts.add(span.from).add(addDays(span.to, 1));
  for (const row of rules) cuts.add(row.from);
  const starts = [...cuts].filter((day) => day >= first && day <= input.asOf).sort();
  let lateDays = 0;
  let excluded = 0;
  let since: IsoDate | undefined;
  let rule: { source: string; value: EvasionByDelay } | undefined;
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i];
    const days = daysBetween(from, i + 1 < starts.length ? starts[i + 1] : addDays(input.asOf, 1));
    if (underForceMajeure(input.forceMajeure, from)) {
      excluded += days;
      since = undefined;
      continue;
    }
    const row = rowOn(rules, from);
    // The first day of the stretch (1-based) that is late more than the rule's days, once the reminder is sent.
    const firstInEvasion = row?.value && (!row.value.reminderRequired || reminder.sentOn <= from)
      ? Math.max(1, row.value.daysAfterDeadline - lateDays + 1) : Infinity;
    lateDays += days;
    if (firstInEvasion > days) {
      since = undefined;
      continue;
    }
    if (firstInEvasion > 1 || since === undefined) {
      since = addDays(from, firstInEvasion - 1);
      rule = { source: row!.source, value: row!.value! };
    }
  }
  if (since === undefined || !rule || !reminder) return undefined;
  const paused = excluded > 0 ? `, ${excluded} day(s) of force majeure not counted` : '';
  return {
    since, reminderRef: reminder.reminderRef, period: period.period,
    basis: `period ${period.period} due ${period.dueDate} still unpaid more than ${rule.value.daysAfterDeadline} days after its deadline${paused}; `
      + `reminder ${reminder.reminderRef} sent ${reminder.sentOn}; ${rule.source}`,
  };
}
