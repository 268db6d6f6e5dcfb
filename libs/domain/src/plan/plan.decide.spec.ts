import type { AssignPlan } from '../commands.js';
import { given } from '../testing/decider-scenario.js';

const plan = (areaCode: string, assignedOn = '2021-01-10'): AssignPlan => ({
  year: 2021,
  areaCode,
  targets: {
    collection: '2000000000000',
    participants: { mandatorySocialInsurance: 40000, voluntarySocialInsurance: 15670, unemploymentInsurance: 35000, healthInsurance: 774200 },
  },
  labourForce: 500000,
  population: 917000,
  assignedOn,
});

describe('AssignPlan', () => {
  it('records the plan, and a later one for the same year', () => {
    given('plan-95-2021').when({ command: 'AssignPlan', data: plan('95') }).then([{ type: 'PlanAssigned', data: plan('95') }]);
    given('plan-95-2021', { type: 'PlanAssigned', data: plan('95') }).when({ command: 'AssignPlan', data: plan('95', '2021-07-01') })
      .then([{ type: 'PlanAssigned', data: plan('95', '2021-07-01') }]);
  });
  it('refuses an area not in force on the assignment date', () => {
    given('plan-96-2021').when({ command: 'AssignPlan', data: plan('96') }).thenRefuses('UNKNOWN_AREA');
  });
  it('reverses a plan once', () => {
    const reverse = { command: 'ReverseEntry' as const, data: { eventId: 'evt-0', reason: 'Giao nhầm', reversedOn: '2021-01-11' } };
    const reversed = { type: 'EntryReversed' as const, data: { eventId: 'evt-0', reversedType: 'PlanAssigned' as const, reversedPosition: 100, reason: 'Giao nhầm', reversedOn: '2021-01-11', areaCode: '95' } };
    given('plan-95-2021', { type: 'PlanAssigned', data: plan('95') }).when(reverse).then([reversed]);
    given('plan-95-2021', { type: 'PlanAssigned', data: plan('95') }, reversed).when(reverse).thenRefuses('ALREADY_REVERSED');
  });
});
