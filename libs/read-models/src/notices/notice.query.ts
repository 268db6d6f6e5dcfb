import { lastDayOf, type IsoMonth } from '#domain';
import type { ArrearsBucket, EmployerArrears } from '../arrears/arrears.calculation.js';
import { buildNotice, type EmployerNotice, type EvasionWarning, type NoticeFact } from './notice.js';

/** What the notice reads: the arrears query (identity, the query's own figures) and the employer's stream. */
export interface NoticeSources {
  employerArrears(unitCode: string, asOf: string): Promise<EmployerArrears | undefined>;
  /** The employer's stream (`employer-{unitCode}`) in revision order: its facts and their reversals. */
  employerFacts(unitCode: string): Promise<NoticeFact[]>;
}

/** The notice with the arrears query's answer on the month's last day beside it, for a cross-check. */
export interface MonthlyNotice extends EmployerNotice {
  status: EmployerArrears['status'];
  arrearsQuery: { asOf: string; overdue: string; interest: string; interestComputed: boolean; bucket: ArrearsBucket };
}

/**
 * `GET /api/employers/{unitCode}/notices/{month}`: the employer's monthly notice (C12-TS). The
 * arrears query names the employer (undefined: not registered, a 404) and states its own overdue and
 * interest on the month's last day; the notice's per-fund balances, payment allocation and interest
 * charged come from the employer's stream (the arrears read model keeps neither funds nor charges yet).
 * Where the arrears answer carries an evasion status, the notice takes it; otherwise the domain's
 * `evasionOn` decides from the reminders and force majeure in the stream.
 */
export async function monthlyNotice(sources: NoticeSources, unitCode: string, month: IsoMonth): Promise<MonthlyNotice | undefined> {
  const asOf = lastDayOf(month);
  const arrears = await sources.employerArrears(unitCode, asOf);
  if (!arrears) return undefined;
  const facts = await sources.employerFacts(unitCode);
  const notice = buildNotice({ unitCode, name: arrears.name, areaCode: arrears.areaCode, month, facts });
  const fromArrears = (arrears as EmployerArrears & { evasion?: EvasionWarning | null }).evasion;
  return {
    ...notice,
    status: arrears.status,
    evasion: fromArrears !== undefined ? fromArrears : notice.evasion,
    arrearsQuery: { asOf, overdue: arrears.overdue, interest: arrears.interest, interestComputed: arrears.interestComputed, bucket: arrears.bucket },
  };
}
