import type { Command } from './commands.js';
import type { DecideContext, StoredFact } from './decider.js';
import { decideEmployer, type EmployerCommand } from './employer/employer.decide.js';
import { evolveEmployer } from './employer/employer.evolve.js';
import { initialEmployerState, type EmployerState } from './employer/employer.state.js';
import { streams, type DomainEvent } from './events.js';
import { decideFacility, type FacilityCommand } from './facility/facility.decide.js';
import { evolveFacility } from './facility/facility.evolve.js';
import { initialFacilityState, type FacilityState } from './facility/facility.state.js';
import { decidePayout, type PayoutCommand } from './payout/payout.decide.js';
import { evolvePayout } from './payout/payout.evolve.js';
import { initialPayoutState, type PayoutState } from './payout/payout.state.js';
import { decidePerson, type PersonCommand } from './person/person.decide.js';
import { evolvePerson } from './person/person.evolve.js';
import { initialPersonState, type PersonState } from './person/person.state.js';
import { decidePlan, type PlanCommand } from './plan/plan.decide.js';
import { evolvePlan } from './plan/plan.evolve.js';
import { initialPlanState, type PlanState } from './plan/plan.state.js';
import { decideReversal } from './reversal/reverse-entry.decide.js';
import { FactMap, type StreamFacts } from './reversal/stream-facts.js';
import { decideInterestRules, type InterestRulesCommand } from './interest-rules/interest-rules.decide.js';
import { evolveInterestRules } from './interest-rules/interest-rules.evolve.js';
import { initialInterestRulesState, type InterestRulesState } from './interest-rules/interest-rules.state.js';
import { decideBank, type BankCommand } from './bank/bank.decide.js';
import { evolveBank } from './bank/bank.evolve.js';
import { initialBankState, type BankState } from './bank/bank.state.js';

/**
 * The write side's single entry point, over the six stream types. Every state carries `facts`, its
 * StreamFacts by revision: { type, position, areaCode, reversed }, which the ledger may read.
 */
export type StreamState = EmployerState | PersonState | FacilityState | PlanState | PayoutState | InterestRulesState | BankState;
export type StreamKind = StreamState['kind'];

/**
 * The stream a command writes to. A reversal writes to the stream of the fact it reverses, which
 * only the store knows: the ledger resolves it, so asking here is a programming error.
 */
export function streamIdFor(command: Command): string {
  switch (command.command) {
    case 'RegisterEmployer':
    case 'ChangeEmployerStatus':
    case 'AssessContribution':
    case 'RecordInspection':
    case 'RemindEmployer':
    case 'RecordForceMajeure':
    case 'ChangeEmployerProfile':
    case 'GrantFundSuspension':
    case 'ChargeLateInterest':
    case 'RelocateEmployer':
      return streams.employer(command.data.unitCode);
    case 'AnnounceInterestRate':
      return streams.rulesInterest();
    case 'ReceiveBankCredit':
    case 'MatchBankCredit':
    case 'AssignBankCredit':
    case 'ReturnBankCredit':
    case 'ReceiveBankStatement':
      return streams.bank(command.data.account);
    case 'CollectContribution': {
      const payer = command.data.payer;
      return payer.kind === 'employer' ? streams.employer(payer.unitCode) : streams.person(payer.personId);
    }
    case 'IssueBook':
    case 'IssueCard':
    case 'PayBenefit':
    case 'RelocatePerson':
      return streams.person(command.data.personId);
    case 'AssessClaim':
      return streams.facility(command.data.facilityCode);
    case 'AssignPlan':
      return streams.plan(command.data.areaCode, command.data.year);
    case 'ReconcilePayouts':
      return streams.payout(command.data.areaCode, command.data.month);
    case 'ReverseEntry':
      throw new Error('ReverseEntry goes to the stream of the reversed event: resolve it from the store');
  }
}

/** The contract's natural idempotency key, prefixed by the command's name. */
export function commandKeyOf(command: Command): string {
  // Written out rather than joined from arrays: an import keys every line. Array.join's text of each
  // part (null and undefined as '') is kept, so every key stays what it was.
  const name = command.command;
  function key(a: Part, b?: Part, c?: Part): string {
    // By the parts given, not by their values: a part given as undefined still takes its ':'.
    switch (arguments.length) {
      case 1: return `${name}:${text(a)}`;
      case 2: return `${name}:${text(a)}:${text(b)}`;
      default: return `${name}:${text(a)}:${text(b)}:${text(c)}`;
    }
  }
  switch (command.command) {
    case 'RegisterEmployer': return key(command.data.unitCode);
    case 'ChangeEmployerStatus': return key(command.data.unitCode, command.data.status, command.data.effectiveOn);
    case 'AssessContribution': return key(command.data.unitCode, command.data.period);
    case 'CollectContribution': return key(command.data.receiptNo);
    case 'IssueBook': return key(command.data.personId, command.data.issuedOn);
    case 'IssueCard': return key(command.data.cardNo, command.data.validFrom);
    case 'PayBenefit': return key(command.data.paymentRef);
    case 'AssessClaim': return key(command.data.assessmentRef);
    case 'AssignPlan': return key(command.data.year, command.data.areaCode, command.data.assignedOn);
    case 'RecordInspection': return key(command.data.inspectionId);
    case 'ReverseEntry': return key(command.data.eventId);
    case 'ReconcilePayouts': return key(command.data.statementRef);
    case 'AnnounceInterestRate': return key(command.data.year, command.data.fund, command.data.announcedOn);
    case 'RemindEmployer': return key(command.data.reminderRef);
    case 'RecordForceMajeure': return key(command.data.unitCode, command.data.from);
    case 'ChangeEmployerProfile': return key(command.data.unitCode, command.data.effectiveOn);
    case 'GrantFundSuspension': return key(command.data.decisionRef);
    // One key per employer of the close (month+areaCode, the contract's), so a second close records nothing.
    case 'ChargeLateInterest': return ['CloseMonth', command.data.month, command.data.areaCode, command.data.unitCode].join(':');
    case 'RelocateEmployer': return key(command.data.unitCode, command.data.effectiveOn);
    case 'RelocatePerson': return key(command.data.personId, command.data.effectiveOn);
    // The contract's per-line key of an ImportBankStatement: a statement loaded twice records nothing new.
    case 'ReceiveBankCredit': return ['ImportBankStatement', command.data.account, command.data.bankRef].join(':');
    case 'MatchBankCredit':
    case 'AssignBankCredit':
    case 'ReturnBankCredit': return key(command.data.creditId);
    case 'ReceiveBankStatement': return ['ImportBankStatement', command.data.account, 'statement', command.data.statementId].join(':');
  }
}

type Part = string | number;

function text(part: Part | undefined): string {
  return part === undefined || part === null ? '' : String(part);
}

const INITIAL_STATES: Record<StreamKind, (facts: StreamFacts) => StreamState> = {
  employer: initialEmployerState,
  person: initialPersonState,
  facility: initialFacilityState,
  plan: initialPlanState,
  payout: initialPayoutState,
  rules: initialInterestRulesState,
  bank: initialBankState,
};

/**
 * The state of a stream with no events, from the stream id's prefix (`employer-…`, `person-…`, …),
 * holding its facts in `facts`: the plain FactMap unless the caller keeps states by the million and
 * brings a smaller one (the ledger's cache). Evolving never creates another.
 */
export function initialStateFor(streamId: string, facts: StreamFacts = new FactMap()): StreamState {
  const kind = streamId.slice(0, streamId.indexOf('-')) as StreamKind;
  const initial = Object.hasOwn(INITIAL_STATES, kind) ? INITIAL_STATES[kind] : undefined;
  if (!initial) throw new Error(`no stream type for stream id ${streamId}`);
  return initial(facts);
}

/**
 * Folds one recorded fact into a stream's state. It is cheap because it works IN PLACE: it mutates
 * `state` and returns the same object, so a caller that keeps the old reference sees the new
 * state too. To decide speculatively and maybe throw the result away, fold into
 * `cloneStreamState(state)` or reload the stream.
 */
export function evolveStream(state: StreamState, fact: StoredFact): StreamState {
  switch (state.kind) {
    case 'employer': return evolveEmployer(state, fact);
    case 'person': return evolvePerson(state, fact);
    case 'facility': return evolveFacility(state, fact);
    case 'plan': return evolvePlan(state, fact);
    case 'payout': return evolvePayout(state, fact);
    case 'rules': return evolveInterestRules(state, fact);
    case 'bank': return evolveBank(state, fact);
  }
}

/** A copy of a state that later `evolveStream` calls on the original do not touch. */
export function cloneStreamState<S extends StreamState>(state: S): S {
  // structuredClone copies the plain parts; the facts are a class, which it would not keep.
  const { facts, ...rest } = state;
  return { ...structuredClone(rest), facts: facts.clone() } as unknown as S;
}

/**
 * Decides a command against the state of its stream: the new events, or a DomainError (422) when a
 * business rule refuses it. Pure: whatever lies outside the stream arrives in `ctx`.
 */
export function decideCommand(command: Command, state: StreamState, ctx: DecideContext): DomainEvent[] {
  if (command.command === 'ReverseEntry') return decideReversal(command.data, state.facts);
  const expected = streamKindOf(command);
  if (state.kind !== expected) throw new Error(`${command.command} needs a ${expected} stream's state, got a ${state.kind} stream's`);
  switch (state.kind) {
    case 'employer': return decideEmployer(command as EmployerCommand, state, ctx);
    case 'person': return decidePerson(command as PersonCommand, state, ctx);
    case 'facility': return decideFacility(command as FacilityCommand, state, ctx);
    case 'plan': return decidePlan(command as PlanCommand, state, ctx);
    case 'payout': return decidePayout(command as PayoutCommand, state, ctx);
    case 'rules': return decideInterestRules(command as InterestRulesCommand, state);
    case 'bank': return decideBank(command as BankCommand, state);
  }
}

/** The kind of stream a command (other than a reversal) writes to. */
export function streamKindOf(command: Exclude<Command, { command: 'ReverseEntry' }>): StreamKind {
  return initialStateFor(streamIdFor(command)).kind;
}
