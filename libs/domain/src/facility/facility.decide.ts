import { requireArea } from '../areas/require-area.js';
import type { AssessClaim, Command } from '../commands.js';
import type { DecideContext } from '../decider.js';
import { refuse } from '../errors.js';
import type { DomainEvent } from '../events.js';
import { compareMoney, subMoney } from '../money.js';
import { decideReversal } from '../reversal/reverse-entry.decide.js';
import type { FacilityState } from './facility.state.js';

export type FacilityCommand = Extract<Command, { command: 'AssessClaim' | 'ReverseEntry' }>;

/** Decides a command on a `facility-{facilityCode}` stream; throws DomainError when a rule refuses it. */
export function decideFacility(command: FacilityCommand, state: FacilityState, ctx: DecideContext): DomainEvent[] {
  switch (command.command) {
    case 'AssessClaim': return assessClaim(command.data, ctx);
    case 'ReverseEntry': return decideReversal(command.data, state.facts);
  }
}

/**
 * A claim assessment (giám định BHYT) accepts part of what the facility requested and refuses the
 * rest; both are recorded so that the refused amount never has to be derived again.
 */
function assessClaim(command: AssessClaim, ctx: DecideContext): DomainEvent[] {
  if (compareMoney(command.approved, command.requested) > 0) {
    refuse('APPROVED_EXCEEDS_REQUESTED', `approved ${command.approved} exceeds requested ${command.requested}`);
  }
  return [{
    type: 'ClaimAssessed',
    data: {
      assessmentRef: command.assessmentRef,
      facilityCode: command.facilityCode,
      areaCode: requireArea(ctx.areas, command.areaCode, command.assessedOn),
      period: command.period,
      visits: { outpatient: command.visits.outpatient, inpatient: command.visits.inpatient },
      requested: command.requested,
      approved: command.approved,
      refused: subMoney(command.requested, command.approved),
      assessedOn: command.assessedOn,
    },
  }];
}
