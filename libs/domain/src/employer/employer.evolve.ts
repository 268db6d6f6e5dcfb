import type { StoredFact } from '../decider.js';
import { trackFact } from '../reversal/stream-facts.js';
import { fundsOnce, type EmployerState } from './employer.state.js';

const NONE: readonly never[] = [];

/** Folds one fact into the employer's state, in place, and returns the same object. */
export function evolveEmployer(state: EmployerState, fact: StoredFact): EmployerState {
  trackFact(state.facts, fact);
  switch (fact.type) {
    case 'EmployerRegistered': {
      const { unitCode, name, areaCode, registeredOn, wageRegion, sector } = (fact as StoredFact<'EmployerRegistered'>).data;
      state.profile = { unitCode, name, areaCode, registeredOn, ...(wageRegion !== undefined ? { wageRegion } : {}), ...(sector !== undefined ? { sector } : {}) };
      break;
    }
    case 'EmployerStatusChanged': {
      const { status, effectiveOn } = (fact as StoredFact<'EmployerStatusChanged'>).data;
      state.statusChanges.push({ revision: fact.revision, status, effectiveOn });
      break;
    }
    case 'ContributionAssessed': {
      const { period, dueDate, funds } = (fact as StoredFact<'ContributionAssessed'>).data;
      state.assessments.push({ revision: fact.revision, period, dueDate, funds: fundsOnce(state.assessments[state.assessments.length - 1]?.funds, funds) });
      break;
    }
    case 'ContributionCollected': {
      const { payer, collectedOn, amount } = (fact as StoredFact<'ContributionCollected'>).data;
      // Two literals, not a spread: an object made by spreading took a separate property store.
      if (payer.kind === 'employer') {
        state.collections.push(payer.period ? { revision: fact.revision, collectedOn, amount, period: payer.period } : { revision: fact.revision, collectedOn, amount });
      }
      break;
    }
    case 'LateInterestCharged': {
      const { month, from, to, basis, notComputed, closedOn, byFund } = (fact as StoredFact<'LateInterestCharged'>).data;
      const caughtUp = from === undefined ? NONE : basis.filter((line) => line.per === 'month' && line.to < from);
      // Only what the next charge needs to owe each uncomputed month once: the months left, and the
      // earlier months this charge caught up with (its lines dated before its own first day).
      state.charges.push({
        revision: fact.revision, month, to, closedOn, byFund,
        notComputed: notComputed.length === 0 ? NONE : notComputed.map(({ period, fund, month: late }) => ({ period, fund, month: late })),
        basis: caughtUp.length === 0 ? NONE : caughtUp.map(({ period, fund, from: day }) => ({ period, fund, from: day, per: 'month' as const })),
      });
      break;
    }
    case 'EmployerRelocated': {
      const { areaCode, effectiveOn } = (fact as StoredFact<'EmployerRelocated'>).data;
      state.relocations.push({ revision: fact.revision, areaCode, effectiveOn });
      break;
    }
    case 'EmployerProfileChanged': {
      const { effectiveOn, wageRegion, sector, highRiskApproval } = (fact as StoredFact<'EmployerProfileChanged'>).data;
      state.profileChanges.push({
        revision: fact.revision, effectiveOn,
        ...(wageRegion !== undefined ? { wageRegion } : {}),
        ...(sector !== undefined ? { sector } : {}),
        ...(highRiskApproval !== undefined ? { highRiskApproval } : {}),
      });
      break;
    }
    case 'FundSuspensionGranted': {
      const { fund, from, to, decisionRef } = (fact as StoredFact<'FundSuspensionGranted'>).data;
      state.suspensions.push({ revision: fact.revision, fund, from, to, decisionRef });
      break;
    }
    default:
      // Inspections, reversals, reminders and force majeure need nothing beyond the fact index.
      break;
  }
  return state;
}
