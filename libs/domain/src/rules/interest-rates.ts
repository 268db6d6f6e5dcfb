import type { IsoDate } from '../calendar.js';
import type { Fund } from './contribution-rates.js';

/** The two rates k the agency announces each year: one for BHXH and BHTN, one for BHYT. */
export type InterestRateFund = 'social' | 'health';

/**
 * One announced monthly rate k, as a fact: the year it applies to (from 1 January), the fund, the
 * rate in percent per month, the document that announced it and when. The same year and fund may be
 * announced again (a correction); the latest announcement known on a date is the one in force then,
 * so a replay "as known on" a date charges what the office could know that day.
 */
export interface InterestRateAnnouncement {
  year: number;
  fund: InterestRateFund;
  monthlyPercent: string;
  documentRef: string;
  announcedOn: IsoDate;
}

/** The k of a fund's year, with the announcement it comes from, or undefined when none is known. */
export type InterestRateLookup = (year: number, fund: InterestRateFund) => InterestRateAnnouncement | undefined;

/** BHYT is charged at the BHYT rate; every fund of BHXH (pension, sickness, accident) and BHTN at the social rate. */
export function interestRateFundOf(fund: Fund): InterestRateFund {
  return fund === 'health' ? 'health' : 'social';
}

/**
 * The rates known on `knownOn` (every announcement when omitted): for each year and fund the latest
 * announcement made on or before that day. A year with no announcement is never guessed from its
 * neighbours: the lookup answers undefined and the month that needs it is reported as not computed.
 */
export function interestRatesFrom(announcements: readonly InterestRateAnnouncement[], knownOn?: IsoDate): InterestRateLookup {
  const latest = new Map<string, InterestRateAnnouncement>();
  for (const announcement of announcements) {
    if (knownOn !== undefined && announcement.announcedOn > knownOn) continue;
    const key = `${announcement.year}/${announcement.fund}`;
    const current = latest.get(key);
    if (!current || announcement.announcedOn >= current.announcedOn) latest.set(key, announcement);
  }
  return (year, fund) => latest.get(`${year}/${fund}`);
}
