import { requireArea } from '../areas/require-area.js';
import type { AssignPlan, Command } from '../commands.js';
import type { DecideContext } from '../decider.js';
import type { DomainEvent } from '../events.js';
import { decideReversal } from '../reversal/reverse-entry.decide.js';
import type { PlanState } from './plan.state.js';

export type PlanCommand = Extract<Command, { command: 'AssignPlan' | 'ReverseEntry' }>;

/** Decides a command on a `plan-{areaCode}-{year}` stream; throws DomainError when a rule refuses it. */
export function decidePlan(command: PlanCommand, state: PlanState, ctx: DecideContext): DomainEvent[] {
  switch (command.command) {
    case 'AssignPlan': return assignPlan(command.data, ctx);
    case 'ReverseEntry': return decideReversal(command.data, state.facts);
  }
}

function assignPlan(command: AssignPlan, ctx: DecideContext): DomainEvent[] {
  const { collection, participants } = command.targets;
  return [{
    type: 'PlanAssigned',
    data: {
      year: command.year,
      areaCode: requireArea(ctx.areas, command.areaCode, command.assignedOn),
      targets: { collection, participants: { ...participants } },
      labourForce: command.labourForce,
      population: command.population,
      assignedOn: command.assignedOn,
    },
  }];
}
