import type { AnnounceInterestRate, Command } from '../commands.js';
import type { DomainEvent } from '../events.js';
import { decideReversal } from '../reversal/reverse-entry.decide.js';
import type { InterestRulesState } from './interest-rules.state.js';

export type InterestRulesCommand = Extract<Command, { command: 'AnnounceInterestRate' | 'ReverseEntry' }>;

/**
 * Decides a command on the `rules-interest` stream. An announcement is a fact as the agency made it:
 * the same year and fund announced again on a later day is a correction, and both stay in the log.
 */
export function decideInterestRules(command: InterestRulesCommand, state: InterestRulesState): DomainEvent[] {
  switch (command.command) {
    case 'AnnounceInterestRate': return announce(command.data);
    case 'ReverseEntry': return decideReversal(command.data, state.facts);
  }
}

function announce(command: AnnounceInterestRate): DomainEvent[] {
  const { year, fund, monthlyPercent, documentRef, announcedOn } = command;
  return [{ type: 'InterestRateAnnounced', data: { year, fund, monthlyPercent, documentRef, announcedOn } }];
}
