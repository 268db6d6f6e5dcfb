import type { ChangeEmployerProfile, Command, GrantFundSuspension, RecordForceMajeure, RemindEmployer } from '../commands.js';
import { refuse } from '../errors.js';
import type { DomainEvent } from '../events.js';
import type { EmployerProfile } from './employer.state.js';

/** Issue 22's facts about an employer: what the arrears law needs to know of it, each dated. */
export type ArrearsFactCommand = Extract<Command, {
  command: 'RemindEmployer' | 'RecordForceMajeure' | 'ChangeEmployerProfile' | 'GrantFundSuspension' | 'ChargeLateInterest';
}>;

/** A written reminder (đôn đốc) of an amount late: the start of the evasion clock's last condition. */
export function remind(command: RemindEmployer, profile: EmployerProfile): DomainEvent[] {
  const { reminderRef, unitCode, sentOn, amountLate } = command;
  return [{ type: 'EmployerReminded', data: { reminderRef, unitCode, areaCode: profile.areaCode, sentOn, amountLate } }];
}

/** A span the authorities recognised as force majeure: its days neither count towards nor are evasion. */
export function recordForceMajeure(command: RecordForceMajeure, profile: EmployerProfile): DomainEvent[] {
  const { unitCode, from, to, reason, documentRef } = command;
  inOrder(unitCode, from, to);
  return [{ type: 'ForceMajeureRecorded', data: { unitCode, areaCode: profile.areaCode, from, to, reason, documentRef } }];
}

/** A dated change of wage region, sector or high-risk approval; the fields left out keep their value. */
export function changeProfile(command: ChangeEmployerProfile, profile: EmployerProfile): DomainEvent[] {
  const { unitCode, effectiveOn, wageRegion, sector, highRiskApproval } = command;
  if (wageRegion === undefined && sector === undefined && highRiskApproval === undefined) {
    refuse('NOTHING_TO_CHANGE', `a profile change of ${unitCode} names none of wageRegion, sector, highRiskApproval`);
  }
  return [{
    type: 'EmployerProfileChanged',
    data: {
      unitCode, areaCode: profile.areaCode, effectiveOn,
      ...(wageRegion !== undefined ? { wageRegion } : {}),
      ...(sector !== undefined ? { sector } : {}),
      ...(highRiskApproval !== undefined ? { highRiskApproval: { rate: highRiskApproval.rate, decisionRef: highRiskApproval.decisionRef } } : {}),
    },
  }];
}

/** NQ 68's suspension of the pension fund, granted on the employer's application: a decision with its dates. */
export function grantSuspension(command: GrantFundSuspension, profile: EmployerProfile): DomainEvent[] {
  const { unitCode, fund, from, to, decisionRef } = command;
  inOrder(unitCode, from, to);
  return [{ type: 'FundSuspensionGranted', data: { unitCode, areaCode: profile.areaCode, fund, from, to, decisionRef } }];
}

function inOrder(unitCode: string, from: string, to: string): void {
  if (to < from) refuse('INVALID_PERIOD', `employer ${unitCode}: to ${to} is before from ${from}`);
}
