import { Inject, type Type } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandOutcome } from '../command-context.js';
import { Ledger } from '../ledger.js';
import { LEDGER_COMMANDS, type LedgerCommand, type LedgerCommandClass } from './ledger-commands.js';

/**
 * One handler per contract command. Each only hands its command to the Ledger, which loads the
 * stream, decides with the pure domain and appends with the expected revision, retrying on conflict.
 */
function handlerFor(commandClass: LedgerCommandClass): Type<ICommandHandler<LedgerCommand>> {
  @CommandHandler(commandClass)
  class LedgerCommandHandler implements ICommandHandler<LedgerCommand, CommandOutcome> {
    constructor(@Inject(Ledger) private readonly ledger: Ledger) {}

    execute(command: LedgerCommand): Promise<CommandOutcome> {
      return this.ledger.execute(command.toDomain(), command.context);
    }
  }
  Object.defineProperty(LedgerCommandHandler, 'name', { value: `${commandClass.name.replace(/Command$/, '')}Handler` });
  return LedgerCommandHandler;
}

export const LEDGER_COMMAND_HANDLERS = Object.values(LEDGER_COMMANDS).map((commandClass) => handlerFor(commandClass as LedgerCommandClass));
