import { Command as CqrsCommand } from '@nestjs/cqrs';
import type { Command, CommandName } from '#domain';
import type { CommandContext, CommandOutcome } from '../command-context.js';

type DataOf<N extends CommandName> = Extract<Command, { command: N }>['data'];

/** A contract command on the Nest command bus: its validated data and who sends it. */
export interface LedgerCommand<N extends CommandName = CommandName> extends CqrsCommand<CommandOutcome> {
  readonly name: N;
  readonly data: DataOf<N>;
  readonly context: CommandContext;
  toDomain(): Command;
}

export type LedgerCommandClass<N extends CommandName = CommandName> = new (data: DataOf<N>, context: CommandContext) => LedgerCommand<N>;

/** Builds the command class of one contract command; the persisted name is explicit, never constructor.name. */
function ledgerCommand<N extends CommandName>(name: N): LedgerCommandClass<N> {
  return class extends CqrsCommand<CommandOutcome> implements LedgerCommand<N> {
    readonly name = name;
    constructor(
      readonly data: DataOf<N>,
      readonly context: CommandContext,
    ) {
      super();
    }

    toDomain(): Command {
      return { command: this.name, data: this.data } as Command;
    }
  };
}

export class RegisterEmployerCommand extends ledgerCommand('RegisterEmployer') {}
export class ChangeEmployerStatusCommand extends ledgerCommand('ChangeEmployerStatus') {}
export class AssessContributionCommand extends ledgerCommand('AssessContribution') {}
export class CollectContributionCommand extends ledgerCommand('CollectContribution') {}
export class IssueBookCommand extends ledgerCommand('IssueBook') {}
export class IssueCardCommand extends ledgerCommand('IssueCard') {}
export class PayBenefitCommand extends ledgerCommand('PayBenefit') {}
export class AssessClaimCommand extends ledgerCommand('AssessClaim') {}
export class AssignPlanCommand extends ledgerCommand('AssignPlan') {}
export class RecordInspectionCommand extends ledgerCommand('RecordInspection') {}
export class ReverseEntryCommand extends ledgerCommand('ReverseEntry') {}
export class ReconcilePayoutsCommand extends ledgerCommand('ReconcilePayouts') {}

export const LEDGER_COMMANDS: { [N in CommandName]: LedgerCommandClass<N> } = {
  RegisterEmployer: RegisterEmployerCommand,
  ChangeEmployerStatus: ChangeEmployerStatusCommand,
  AssessContribution: AssessContributionCommand,
  CollectContribution: CollectContributionCommand,
  IssueBook: IssueBookCommand,
  IssueCard: IssueCardCommand,
  PayBenefit: PayBenefitCommand,
  AssessClaim: AssessClaimCommand,
  AssignPlan: AssignPlanCommand,
  RecordInspection: RecordInspectionCommand,
  ReverseEntry: ReverseEntryCommand,
  ReconcilePayouts: ReconcilePayoutsCommand,
};

/** The bus command for a validated domain command (the HTTP routes and the CLI both use it). */
export function toBusCommand(command: Command, context: CommandContext): LedgerCommand {
  const CommandClass = LEDGER_COMMANDS[command.command] as LedgerCommandClass;
  return new CommandClass(command.data as never, context);
}
