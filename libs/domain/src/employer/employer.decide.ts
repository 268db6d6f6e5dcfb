import { requireArea } from '../areas/require-area.js';
import { firstDayOf } from '../calendar.js';
import type {
  AssessContribution, ChangeEmployerStatus, Command, CollectContribution, RecordInspection, RegisterEmployer, RelocateEmployer,
} from '../commands.js';
import { chargeLateInterest } from './late-interest-charge.decide.js';
import { changeProfile, grantSuspension, recordForceMajeure, remind, type ArrearsFactCommand } from './employer-arrears.decide.js';
import type { DecideContext } from '../decider.js';
import { refuse } from '../errors.js';
import type { DomainEvent, EmployerRegistered } from '../events.js';
import { decideReversal } from '../reversal/reverse-entry.decide.js';
import { computeFundDues } from '../rules/assessment.js';
import {
  employerHomeOn, employerProfileOn, liveAssessmentOf, recordedEmployerHomeOn, statusOn, type EmployerProfile, type EmployerState,
} from './employer.state.js';

export type EmployerCommand = Extract<Command, {
  command: 'RegisterEmployer' | 'ChangeEmployerStatus' | 'AssessContribution' | 'CollectContribution' | 'RecordInspection' | 'ReverseEntry'
    | 'RelocateEmployer';
}> | ArrearsFactCommand;

/** Decides a command on an `employer-{unitCode}` stream; throws DomainError when a rule refuses it. */
export function decideEmployer(command: EmployerCommand, state: EmployerState, ctx: DecideContext): DomainEvent[] {
  switch (command.command) {
    case 'RegisterEmployer': return register(command.data, state, ctx);
    case 'ChangeEmployerStatus': return changeStatus(command.data, state, ctx);
    case 'AssessContribution': return assess(command.data, state, ctx);
    case 'CollectContribution': return collect(command.data, state, ctx);
    case 'RecordInspection': return inspect(command.data, state, ctx);
    case 'ReverseEntry': return decideReversal(command.data, state.facts);
    case 'RemindEmployer': return remind(command.data, registered(state, command.data.unitCode));
    case 'RecordForceMajeure': return recordForceMajeure(command.data, registered(state, command.data.unitCode));
    case 'ChangeEmployerProfile': return changeProfile(command.data, registered(state, command.data.unitCode));
    case 'GrantFundSuspension': return grantSuspension(command.data, registered(state, command.data.unitCode));
    case 'ChargeLateInterest': return chargeLateInterest(command.data, registered(state, command.data.unitCode), state, ctx);
    case 'RelocateEmployer': return relocate(command.data, state, ctx);
  }
}

function register(command: RegisterEmployer, state: EmployerState, ctx: DecideContext): DomainEvent[] {
  if (state.profile) refuse('EMPLOYER_ALREADY_REGISTERED', `employer ${command.unitCode} is already registered`);
  const data: EmployerRegistered = {
    unitCode: command.unitCode,
    name: command.name,
    areaCode: requireArea(ctx.areas, command.areaCode, command.registeredOn),
    ...(command.taxCode !== undefined ? { taxCode: command.taxCode } : {}),
    registeredOn: command.registeredOn,
    // Only when given, so an employer registered without them records what it did before (region I, enterprise).
    ...(command.wageRegion !== undefined ? { wageRegion: command.wageRegion } : {}),
    ...(command.sector !== undefined ? { sector: command.sector } : {}),
  };
  return [{ type: 'EmployerRegistered', data }];
}

function changeStatus(command: ChangeEmployerStatus, state: EmployerState, ctx: DecideContext): DomainEvent[] {
  const profile = registered(state, command.unitCode);
  if (statusOn(state, command.effectiveOn) === command.status) {
    refuse('STATUS_UNCHANGED', `employer ${command.unitCode} is already ${command.status} on ${command.effectiveOn}`);
  }
  return [{
    type: 'EmployerStatusChanged',
    data: { unitCode: command.unitCode, areaCode: employerHomeOn(state, profile, command.effectiveOn, ctx.areas), status: command.status, effectiveOn: command.effectiveOn, reason: command.reason },
  }];
}

function assess(command: AssessContribution, state: EmployerState, ctx: DecideContext): DomainEvent[] {
  const profile = registered(state, command.unitCode);
  if (liveAssessmentOf(state, command.period)) {
    refuse('PERIOD_ALREADY_ASSESSED', `employer ${command.unitCode} is already assessed for ${command.period}; reverse that assessment first`);
  }
  const unemploymentPayroll = command.unemploymentPayroll ?? command.payroll;
  // The profile in force on the period's first day, as the rates and caps are: a replay of 2022 gets 2022's region and reliefs.
  const employerProfile = employerProfileOn(state, profile, firstDayOf(command.period));
  const { funds, due, dueDate } = computeFundDues({ period: command.period, headcount: command.headcount, payroll: command.payroll, unemploymentPayroll, profile: employerProfile });
  return [{
    type: 'ContributionAssessed',
    data: {
      unitCode: command.unitCode,
      areaCode: employerHomeOn(state, profile, command.assessedOn, ctx.areas),
      period: command.period,
      headcount: { ...command.headcount },
      payroll: command.payroll,
      unemploymentPayroll,
      assessedOn: command.assessedOn,
      dueDate,
      funds,
      due,
    },
  }];
}

/**
 * An employer's payment is placed in the area the clerk names (validated on the day collected),
 * or else in the employer's home on that day (its registered area, a relocation, or their successor).
 */
function collect(command: CollectContribution, state: EmployerState, ctx: DecideContext): DomainEvent[] {
  if (command.payer.kind !== 'employer') throw new Error('a person\'s payment belongs to the person\'s stream');
  const profile = registered(state, command.payer.unitCode);
  const areaCode = command.areaCode !== undefined ? requireArea(ctx.areas, command.areaCode, command.collectedOn) : employerHomeOn(state, profile, command.collectedOn, ctx.areas);
  return [{
    type: 'ContributionCollected',
    data: { receiptNo: command.receiptNo, payer: { ...command.payer }, amount: command.amount, collectedOn: command.collectedOn, areaCode },
  }];
}

function inspect(command: RecordInspection, state: EmployerState, ctx: DecideContext): DomainEvent[] {
  const profile = registered(state, command.unitCode);
  return [{
    type: 'InspectionRecorded',
    data: {
      inspectionId: command.inspectionId,
      unitCode: command.unitCode,
      areaCode: employerHomeOn(state, profile, command.inspectedOn, ctx.areas),
      inspectedOn: command.inspectedOn,
      unannounced: command.unannounced,
      arrearsFound: command.arrearsFound,
    },
  }];
}

/**
 * A clerk's dated decision that the employer is homed in `areaCode` from `effectiveOn` (issue 28): the
 * target must be in force on that day (a commune from 2025-07-01). `fromAreaCode` is where the
 * employer counted that day before the move, so a key must reach both ends.
 */
function relocate(command: RelocateEmployer, state: EmployerState, ctx: DecideContext): DomainEvent[] {
  const profile = registered(state, command.unitCode);
  if (command.effectiveOn < profile.registeredOn) {
    refuse('DATE_BEFORE_EVENT', `employer ${command.unitCode} was registered on ${profile.registeredOn}, after ${command.effectiveOn}`);
  }
  const areaCode = requireArea(ctx.areas, command.areaCode, command.effectiveOn);
  if (recordedEmployerHomeOn(state, profile, command.effectiveOn) === areaCode) {
    refuse('AREA_UNCHANGED', `employer ${command.unitCode} is already homed in ${areaCode} on ${command.effectiveOn}`);
  }
  return [{
    type: 'EmployerRelocated',
    data: {
      unitCode: command.unitCode,
      areaCode,
      fromAreaCode: employerHomeOn(state, profile, command.effectiveOn, ctx.areas),
      effectiveOn: command.effectiveOn,
      reason: command.reason,
    },
  }];
}

export function registered(state: EmployerState, unitCode: string): EmployerProfile {
  return state.profile ?? refuse('EMPLOYER_NOT_REGISTERED', `employer ${unitCode} is not registered`);
}
