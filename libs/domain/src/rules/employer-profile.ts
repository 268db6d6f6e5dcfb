import { addDays, firstDayOf, lastDayOf, type IsoDate, type IsoMonth } from '../calendar.js';
import { contributionRatesOn, CONTRIBUTION_RATES, type Fund, type FundRate, type FundRates } from './contribution-rates.js';
import { rowOn, type DatedTable } from './dated-table.js';
import type { WageRegion } from './wage-regions.js';
import type { EmployerSector, HighRiskApproval } from './employer-sector.js';

export { EMPLOYER_SECTORS, type EmployerSector, type HighRiskApproval } from './employer-sector.js';

/** A recorded decision suspending one fund's contributions (NQ 68's pension-fund suspension). */
export interface FundSuspension {
  fund: 'pension';
  from: IsoDate;
  to: IsoDate;
  decisionRef: string;
}

/** One dated change of the profile; a field left out keeps its value, `highRiskApproval: null` withdraws it. */
export interface EmployerProfileChange {
  effectiveOn: IsoDate;
  wageRegion?: WageRegion;
  sector?: EmployerSector;
  highRiskApproval?: HighRiskApproval | null;
}

export interface EmployerProfileFacts {
  /** The region and sector given at registration, in force until a change; region I and enterprise when absent. */
  wageRegion?: WageRegion;
  sector?: EmployerSector;
  /** The employer's registration date (EmployerRegistered.registeredOn): on replay, where `bhtnSince` comes from. */
  registeredOn?: IsoDate;
  /** The first day the employer took part in BHTN (NQ 116 asks whether it was before 2021-10-01); by default bhtnSinceOf. */
  bhtnSince?: IsoDate;
  changes: readonly EmployerProfileChange[];
  suspensions: readonly FundSuspension[];
}

/** The profile in force on one date. */
export interface DatedEmployerProfile {
  wageRegion: WageRegion;
  sector: EmployerSector;
  bhtnSince?: IsoDate;
  highRiskApproval?: HighRiskApproval;
  suspensions: readonly FundSuspension[];
}

/**
 * Region I and `enterprise` when nothing says otherwise: region I is the highest cap, so an employer
 * registered before regions were recorded is never capped below its real payroll, and an enterprise
 * gets the reliefs every employer got before scopes were modelled (docs/decisions.md).
 */
export const DEFAULT_WAGE_REGION: WageRegion = 1;
export const DEFAULT_SECTOR: EmployerSector = 'enterprise';

/**
 * When an employer began to take part in BHTN, from its facts: its registration date. BHTN is
 * compulsory for every employer with employees on contracts of 3 months or more from the day it takes
 * them on (Luật Việc làm 2013 art. 43–44), which is when it registers with the agency. The first period
 * assessed with unemployment insurance is not used: a ledger's history may begin after an employer
 * registered (a migration loads from some year on), so the lack of earlier assessments proves nothing,
 * while the registration is always recorded. An explicit `bhtnSince` (a fact from outside the ledger)
 * wins (docs/decisions.md).
 */
export function bhtnSinceOf(facts: Pick<EmployerProfileFacts, 'registeredOn' | 'bhtnSince'>): IsoDate | undefined {
  return facts.bhtnSince ?? facts.registeredOn;
}

/** The profile on `date`: every change effective on or before it, in date order, the later winning. */
export function profileOn(facts: EmployerProfileFacts, date: IsoDate): DatedEmployerProfile {
  const profile: DatedEmployerProfile = {
    wageRegion: facts.wageRegion ?? DEFAULT_WAGE_REGION, sector: facts.sector ?? DEFAULT_SECTOR, bhtnSince: bhtnSinceOf(facts), suspensions: facts.suspensions,
  };
  const changes = facts.changes.filter((change) => change.effectiveOn <= date).sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : 0));
  for (const change of changes) {
    if (change.wageRegion !== undefined) profile.wageRegion = change.wageRegion;
    if (change.sector !== undefined) profile.sector = change.sector;
    if (change.highRiskApproval === null) delete profile.highRiskApproval;
    else if (change.highRiskApproval !== undefined) profile.highRiskApproval = change.highRiskApproval;
  }
  return profile;
}

/** A temporary cut of the employer's rate for one fund, with the employers it is for. */
export interface Relief {
  id: 'NQ68-accident' | 'NQ116-unemployment';
  fund: Fund;
  from: IsoDate;
  to: IsoDate;
  employerPercent: string;
  /** Sectors left out of the relief. */
  excludedSectors: readonly EmployerSector[];
  /** When set, only employers taking part in BHTN before this day. */
  participatingBefore?: IsoDate;
  source: string;
  verify?: true;
}

/**
 * Both reliefs leave out state agencies, political and socio-political organisations, the armed forces
 * and public service units whose regular spending the budget covers: `state-agency` and
 * `budget-funded-unit` here (the organisations and armed forces are recorded as `state-agency`).
 */
const PUBLIC_SECTOR: readonly EmployerSector[] = ['state-agency', 'budget-funded-unit'];

export const RELIEFS: readonly Relief[] = [
  {
    id: 'NQ68-accident', fund: 'accident', from: '2021-07-01', to: '2022-06-30', employerPercent: '0', excludedSectors: PUBLIC_SECTOR,
    source: 'NQ 68/NQ-CP of 2021-07-01 section II.1; QĐ 23/2021/QĐ-TTg ch. I (not for officials, public employees, the armed forces, Party and State agencies, budget-paid public units)',
  },
  {
    id: 'NQ116-unemployment', fund: 'unemployment', from: '2021-10-01', to: '2022-09-30', employerPercent: '0', excludedSectors: PUBLIC_SECTOR,
    participatingBefore: '2021-10-01', source: 'NQ 116/NQ-CP of 2021-09-24 art. 1 cl. 2 (employers under Luật Việc làm art. 43 in BHTN before 2021-10-01, not the public sector); QĐ 28/2021/QĐ-TTg',
  },
];

/** Whether a relief covers the employer on a date, and if not, why. */
export function reliefScope(relief: Relief, profile: DatedEmployerProfile, date: IsoDate): { applies: boolean; reason: string } {
  if (date < relief.from || date > relief.to) return { applies: false, reason: `${relief.id} runs ${relief.from} to ${relief.to}` };
  if (relief.excludedSectors.includes(profile.sector)) return { applies: false, reason: `${relief.id} leaves out the sector ${profile.sector}` };
  if (relief.participatingBefore !== undefined && !(profile.bhtnSince !== undefined && profile.bhtnSince < relief.participatingBefore)) {
    return { applies: false, reason: `${relief.id} is for employers in BHTN before ${relief.participatingBefore}` };
  }
  return { applies: true, reason: relief.source };
}

/** The 0.3 % TNLĐ–BNN rate for approved high-risk employers, from the date the rule took effect. */
export const HIGH_RISK_ACCIDENT_PERCENT: DatedTable<string> = [
  { from: '2020-07-15', value: '0.3', source: 'NĐ 58/2020/NĐ-CP art. 4 cl. 3 (in force date to verify)', verify: true },
];

/** A pension-fund suspension decision covering the period's month, if any (NQ 68; QĐ 23/2021/QĐ-TTg ch. I). */
export function suspensionFor(profile: DatedEmployerProfile, fund: Fund, period: IsoMonth): FundSuspension | undefined {
  return profile.suspensions.find((suspension) => suspension.fund === fund && suspension.from <= lastDayOf(period) && suspension.to >= firstDayOf(period));
}

export interface EmployerRates {
  rates: FundRates;
  /** Each fund's rate and the rule it comes from, for the trace. */
  sources: Partial<Record<Fund, string>>;
}

/**
 * The rates that apply to this employer on a date: the general table, but a relief only where its scope
 * includes the employer (outside it, the rate in force the day before the relief began), and 0.3 %
 * TNLĐ–BNN for an approved high-risk employer where no relief cuts it further. A pension suspension does
 * not change the rate: the contributions are deferred, not waived (see `suspensionFor`).
 */
export function employerRatesOn(profile: DatedEmployerProfile, date: IsoDate, table: Record<Fund, DatedTable<FundRate>> = CONTRIBUTION_RATES): EmployerRates | undefined {
  const general = contributionRatesOn(date, table);
  if (!general) return undefined;
  const rates = { ...general };
  const sources: Partial<Record<Fund, string>> = {};
  const relieved = new Set<Fund>();
  for (const relief of RELIEFS) {
    if (date < relief.from || date > relief.to) continue;
    const scope = reliefScope(relief, profile, date);
    if (scope.applies) {
      rates[relief.fund] = { ...rates[relief.fund], employerPercent: relief.employerPercent };
      relieved.add(relief.fund);
      sources[relief.fund] = relief.source;
    } else {
      const before = rowOn(table[relief.fund], addDays(relief.from, -1));
      if (before) rates[relief.fund] = before.value;
      sources[relief.fund] = `${before?.source ?? 'general rate'} (${scope.reason})`;
    }
  }
  const highRisk = rowOn(HIGH_RISK_ACCIDENT_PERCENT, date);
  if (profile.highRiskApproval && highRisk && !relieved.has('accident')) {
    rates.accident = { ...rates.accident, employerPercent: highRisk.value };
    sources.accident = `${highRisk.source}; approval ${profile.highRiskApproval.decisionRef}`;
  }
  return { rates, sources };
}
