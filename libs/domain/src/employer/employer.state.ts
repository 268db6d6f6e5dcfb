import { homeAreaOn, recordedHomeOn } from '../areas/home-area.js';
import type { IsoDate, IsoMonth } from '../calendar.js';
import type { EmployerStatus } from '../commands.js';
import type { AreaLookup } from '../decider.js';
import type { FundDues } from '../events.js';
import type { Money } from '../money.js';
import type { Fund } from '../rules/contribution-rates.js';
import type { LateMonthKey } from '../rules/late-interest.js';
import { profileOn, type DatedEmployerProfile, type EmployerProfileChange, type FundSuspension } from '../rules/employer-profile.js';
import type { EmployerSector } from '../rules/employer-sector.js';
import type { WageRegion } from '../rules/wage-regions.js';
import { FactMap, isLive, type FactTracking, type StreamFacts } from '../reversal/stream-facts.js';

export interface EmployerProfile {
  unitCode: string;
  name: string;
  /** The registered area: the employer's home until a relocation, carried on by its successor from 2025-07-01. */
  areaCode: string;
  registeredOn: IsoDate;
  /** As registered; absent means region I and enterprise (`profileOn`'s defaults). */
  wageRegion?: WageRegion;
  sector?: EmployerSector;
}

export interface StatusChangeRecord { revision: number; status: EmployerStatus; effectiveOn: IsoDate }
export interface AssessmentRecord { revision: number; period: IsoMonth; dueDate?: IsoDate; funds?: FundDues }
/** An employer payment, as late interest needs it: when, how much, and the period it names. */
export interface CollectionRecord { revision: number; collectedOn: IsoDate; amount: Money; period?: IsoMonth }
/**
 * A month-end close's charge: the last day it charged up to, the months it left "not computed" (k
 * unknown) and the months of earlier charges it charged late (`monthsLeftUncomputed` of late-interest.ts).
 */
export interface ChargeRecord {
  revision: number; month: IsoMonth; to: IsoDate; notComputed: readonly LateMonthKey[]; basis: readonly ChargedMonth[];
  /** What it charged per fund, owed from `closedOn`: later payments settle it in the fund order (allocation.ts). */
  closedOn: IsoDate; byFund: FundDues;
}
/** A basis line of the monthly regime, as much of it as names its month. */
export interface ChargedMonth { period: IsoMonth; fund: Fund; from: IsoDate; per: 'month' }
export interface RelocationRecord { revision: number; areaCode: string; effectiveOn: IsoDate }
/** A dated change of region, sector or high-risk approval (EmployerProfileChanged). */
export interface ProfileChangeRecord extends EmployerProfileChange { revision: number }
/** A fund suspension decision (FundSuspensionGranted). */
export interface SuspensionRecord extends FundSuspension { revision: number }

/** What an `employer-{unitCode}` stream needs to remember to decide its next command. */
export interface EmployerState extends FactTracking {
  kind: 'employer';
  profile?: EmployerProfile;
  statusChanges: StatusChangeRecord[];
  assessments: AssessmentRecord[];
  collections: CollectionRecord[];
  charges: ChargeRecord[];
  relocations: RelocationRecord[];
  profileChanges: ProfileChangeRecord[];
  suspensions: SuspensionRecord[];
}

export function initialEmployerState(facts: StreamFacts = new FactMap()): EmployerState {
  return { kind: 'employer', facts, statusChanges: [], assessments: [], collections: [], charges: [], relocations: [], profileChanges: [], suspensions: [] };
}

/**
 * The dues of a new assessment, as the state keeps them: the previous assessment's (`last`) own object when every
 * fund's amount is the same (most months repeat the last: 78 % of a generated province's assessments),
 * so that a long-cached employer keeps one object for a run of equal months (docs/benchmarks.md,
 * 'state weight by kind'). Records are never changed once folded, so sharing one is safe.
 */
export function fundsOnce(last: FundDues | undefined, funds: FundDues | undefined): FundDues | undefined {
  if (last === undefined || funds === undefined || last === funds) return funds;
  const same = last.pension === funds.pension && last.sickness === funds.sickness && last.accident === funds.accident
    && last.health === funds.health && last.unemployment === funds.unemployment;
  return same ? last : funds;
}

/**
 * Where the employer's facts of `date` are placed (issue 28): the latest unreversed relocation in
 * force, else the registered area; a home abolished on 2025-07-01 counts in its successor from then.
 */
export function employerHomeOn(state: EmployerState, profile: EmployerProfile, date: IsoDate, areas: AreaLookup): string {
  return homeAreaOn(areas.succession, profile.areaCode, date, liveRelocations(state));
}

/** The home as a clerk recorded it on `date` (no successor applied): the registration or the relocation in force. */
export function recordedEmployerHomeOn(state: EmployerState, profile: EmployerProfile, date: IsoDate): string {
  return recordedHomeOn(profile.areaCode, date, liveRelocations(state));
}

/** The relocations not reversed; most employers have none, and then no array is made per command. */
function liveRelocations(state: EmployerState): readonly RelocationRecord[] {
  const { relocations } = state;
  return relocations.length === 0 ? relocations : relocations.filter((relocation) => isLive(state.facts, relocation.revision));
}

/**
 * The status in force on a date: the unreversed change with the latest `effectiveOn` on or before
 * it (of two on the same day, the one recorded later). Undefined when no change applies yet:
 * registration records no status, so a first confirmation of `active` is a real fact.
 */
export function statusOn(state: EmployerState, date: IsoDate): EmployerStatus | undefined {
  let found: StatusChangeRecord | undefined;
  for (const change of state.statusChanges) {
    if (change.effectiveOn <= date && isLive(state.facts, change.revision) && (!found || change.effectiveOn >= found.effectiveOn)) found = change;
  }
  return found?.status;
}

/** The unreversed assessment of a period, if any: a reversed assessment frees its period. */
export function liveAssessmentOf(state: EmployerState, period: IsoMonth): AssessmentRecord | undefined {
  return state.assessments.find((assessment) => assessment.period === period && isLive(state.facts, assessment.revision));
}

/**
 * The employer's profile in force on `date`, as the assessment needs it: the registration's region and
 * sector, the unreversed dated changes up to that day, the unreversed suspensions, and the BHTN start
 * derived from the registration date (`bhtnSinceOf`), so a replay rebuilds the same profile.
 */
export function employerProfileOn(state: EmployerState, profile: EmployerProfile, date: IsoDate): DatedEmployerProfile {
  const live = <T extends { revision: number }>(records: T[]): T[] => (records.length === 0 ? records : records.filter((record) => isLive(state.facts, record.revision)));
  return profileOn({
    ...(profile.wageRegion !== undefined ? { wageRegion: profile.wageRegion } : {}),
    ...(profile.sector !== undefined ? { sector: profile.sector } : {}),
    registeredOn: profile.registeredOn,
    changes: live(state.profileChanges),
    suspensions: live(state.suspensions),
  }, date);
}
