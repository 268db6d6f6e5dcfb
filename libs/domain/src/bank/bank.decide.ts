import type { Command } from '../commands.js';
import { refuse } from '../errors.js';
import type { DomainEvent } from '../events.js';
import { decideReversal } from '../reversal/reverse-entry.decide.js';
import type { BankCreditDecision, ReturnBankCredit } from './bank-commands.js';
import type { BankState } from './bank.state.js';

export type BankCommand = Extract<Command, { command: 'ReceiveBankCredit' | 'MatchBankCredit' | 'AssignBankCredit' | 'ReturnBankCredit' | 'ReceiveBankStatement' | 'ReverseEntry' }>;

/**
 * Decides a command on a collection account's stream. A credit is decided once: matched, assigned
 * or returned; a wrong decision is reversed (ReverseEntry) before another is taken, never edited.
 */
export function decideBank(command: BankCommand, state: BankState): DomainEvent[] {
  switch (command.command) {
    case 'ReceiveBankCredit': return [{ type: 'BankCreditReceived', data: command.data }];
    case 'MatchBankCredit': return [{ type: 'BankCreditMatched', data: decision(command.data, state) }];
    case 'AssignBankCredit': return [{ type: 'BankCreditAssigned', data: decision(command.data, state) }];
    case 'ReturnBankCredit': return [{ type: 'BankCreditReturned', data: { ...command.data, areaCode: openCredit(command.data, state) } }];
    case 'ReceiveBankStatement': return [{ type: 'BankStatementReceived', data: command.data }];
    case 'ReverseEntry': return decideReversal(command.data, state.facts);
  }
}

function decision(data: BankCreditDecision, state: BankState) {
  return { ...data, areaCode: openCredit(data, state) };
}

/** The credit's area, when it is still in suspense. */
function openCredit(data: BankCreditDecision | ReturnBankCredit, state: BankState): string {
  const credit = state.credits.get(data.creditId) ?? refuse('EVENT_NOT_FOUND', `no bank credit ${data.creditId} on account ${data.account}`);
  if (credit.status !== 'unmatched') refuse('CREDIT_ALREADY_DECIDED', `bank credit ${data.creditId} is ${credit.status}: reverse that decision first`);
  return credit.areaCode;
}
