import type { IsoDate, IsoMonth } from '../calendar.js';
import type { EmployerStatus } from '../commands.js';
import type { FundDues } from '../events.js';
import type { Money } from '../money.js';
import { FactMap, isLive, type FactTracking, type StreamFacts } from '../reversal/stream-facts.js';

export interface EmployerProfile {
  unitCode: string;
  name: string;
  /** The registered area: every later fact of the employer is placed there. */
  areaCode: string;
  registeredOn: IsoDate;
}

export interface StatusChangeRecord { eventId: string; status: EmployerStatus; effectiveOn: IsoDate }
export interface AssessmentRecord { eventId: string; period: IsoMonth; dueDate?: IsoDate; funds?: FundDues }
/** An employer payment, as late interest needs it: when, how much, and the period it names. */
export interface CollectionRecord { eventId: string; collectedOn: IsoDate; amount: Money; period?: IsoMonth }
/** A month-end close's charge: the last day it charged up to. */
export interface ChargeRecord { eventId: string; month: IsoMonth; to: IsoDate }

/** What an `employer-{unitCode}` stream needs to remember to decide its next command. */
export interface EmployerState extends FactTracking {
  kind: 'employer';
  profile?: EmployerProfile;
  statusChanges: StatusChangeRecord[];
  assessments: AssessmentRecord[];
  collections: CollectionRecord[];
  charges: ChargeRecord[];
}

export function initialEmployerState(facts: StreamFacts = new FactMap()): EmployerState {
  return { kind: 'employer', facts, statusChanges: [], assessments: [], collections: [], charges: [] };
}

/**
 * The status in force on a date: the unreversed change with the latest `effectiveOn` on or before
 * it (of two on the same day, the one recorded later). Undefined when no change applies yet:
 * registration records no status, so a first confirmation of `active` is a real fact.
 */
export function statusOn(state: EmployerState, date: IsoDate): EmployerStatus | undefined {
  let found: StatusChangeRecord | undefined;
  for (const change of state.statusChanges) {
    if (change.effectiveOn <= date && isLive(state.facts, change.eventId) && (!found || change.effectiveOn >= found.effectiveOn)) found = change;
  }
  return found?.status;
}

/** The unreversed assessment of a period, if any: a reversed assessment frees its period. */
export function liveAssessmentOf(state: EmployerState, period: IsoMonth): AssessmentRecord | undefined {
  return state.assessments.find((assessment) => assessment.period === period && isLive(state.facts, assessment.eventId));
}
