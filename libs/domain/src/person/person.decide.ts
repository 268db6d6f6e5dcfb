import { requireArea } from '../areas/require-area.js';
import type { Command, CollectContribution, IssueBook, IssueCard, PayBenefit, RelocatePerson } from '../commands.js';
import type { DecideContext } from '../decider.js';
import { refuse } from '../errors.js';
import type { DomainEvent } from '../events.js';
import { decideReversal } from '../reversal/reverse-entry.decide.js';
import { personAreaFor, personHomeOn } from './person-area.js';
import { overlappingCard, type PersonState } from './person.state.js';

export type PersonCommand = Extract<Command, {
  command: 'IssueBook' | 'IssueCard' | 'PayBenefit' | 'CollectContribution' | 'ReverseEntry' | 'RelocatePerson';
}>;

/** Decides a command on a `person-{personId}` stream; throws DomainError when a rule refuses it. */
export function decidePerson(command: PersonCommand, state: PersonState, ctx: DecideContext): DomainEvent[] {
  switch (command.command) {
    case 'IssueBook': return issueBook(command.data, ctx);
    case 'IssueCard': return issueCard(command.data, state, ctx);
    case 'PayBenefit': return payBenefit(command.data, ctx);
    case 'CollectContribution': return collect(command.data, state, ctx);
    case 'ReverseEntry': return decideReversal(command.data, state.facts);
    case 'RelocatePerson': return relocate(command.data, state, ctx);
  }
}

/**
 * A clerk's dated decision that the person is homed in `areaCode` from `effectiveOn` (issue 28), the
 * target in force that day. `fromAreaCode` is the home the person leaves, as it counted that day
 * (absent when no fact named one), so a key must reach both ends of the move.
 */
function relocate(command: RelocatePerson, state: PersonState, ctx: DecideContext): DomainEvent[] {
  const areaCode = requireArea(ctx.areas, command.areaCode, command.effectiveOn);
  const recorded = personHomeOn(state, command.effectiveOn);
  if (recorded === areaCode) refuse('AREA_UNCHANGED', `person ${command.personId} is already homed in ${areaCode} on ${command.effectiveOn}`);
  const fromAreaCode = recorded === undefined ? undefined : (ctx.areas.succession.successorOn(recorded, command.effectiveOn) ?? recorded);
  return [{
    type: 'PersonRelocated',
    data: {
      personId: command.personId,
      areaCode,
      ...(fromAreaCode === undefined ? {} : { fromAreaCode }),
      effectiveOn: command.effectiveOn,
      reason: command.reason,
    },
  }];
}

function issueBook(command: IssueBook, ctx: DecideContext): DomainEvent[] {
  return [{
    type: 'BookIssued',
    data: { personId: command.personId, areaCode: requireArea(ctx.areas, command.areaCode, command.issuedOn), issuedOn: command.issuedOn, reissue: command.reissue ?? false },
  }];
}

/** A person may not hold two health-insurance cards valid on the same day (contract IssueCard). */
function issueCard(command: IssueCard, state: PersonState, ctx: DecideContext): DomainEvent[] {
  if (command.validTo < command.validFrom) refuse('INVALID_PERIOD', `card ${command.cardNo}: validTo ${command.validTo} is before validFrom ${command.validFrom}`);
  const areaCode = requireArea(ctx.areas, command.areaCode, command.issuedOn);
  const overlap = overlappingCard(state, command.validFrom, command.validTo);
  if (overlap) {
    refuse('CARD_PERIOD_OVERLAP', `person ${command.personId} holds card ${overlap.cardNo} valid ${overlap.validFrom}..${overlap.validTo}, which overlaps ${command.validFrom}..${command.validTo}`);
  }
  return [{
    type: 'CardIssued',
    data: { cardNo: command.cardNo, personId: command.personId, areaCode, validFrom: command.validFrom, validTo: command.validTo, issuedOn: command.issuedOn },
  }];
}

function payBenefit(command: PayBenefit, ctx: DecideContext): DomainEvent[] {
  return [{
    type: 'BenefitPaid',
    data: {
      paymentRef: command.paymentRef,
      personId: command.personId,
      benefit: command.benefit,
      payoutMonth: command.payoutMonth,
      amount: command.amount,
      channel: command.channel,
      areaCode: requireArea(ctx.areas, command.areaCode, command.paidOn),
      paidOn: command.paidOn,
    },
  }];
}

function collect(command: CollectContribution, state: PersonState, ctx: DecideContext): DomainEvent[] {
  const payer = command.payer;
  if (payer.kind !== 'person') throw new Error('an employer\'s payment belongs to the employer\'s stream');
  if (payer.coverTo < payer.coverFrom) refuse('INVALID_PERIOD', `coverTo ${payer.coverTo} is before coverFrom ${payer.coverFrom}`);
  const areaCode = command.areaCode !== undefined
    ? requireArea(ctx.areas, command.areaCode, command.collectedOn)
    : personAreaFor(state, payer.personId, command.collectedOn, ctx.areas);
  return [{
    type: 'ContributionCollected',
    data: { receiptNo: command.receiptNo, payer: { ...payer }, amount: command.amount, collectedOn: command.collectedOn, areaCode },
  }];
}
