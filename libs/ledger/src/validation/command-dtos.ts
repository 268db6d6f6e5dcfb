import type { CommandName } from '#domain';
import { AnnounceInterestRateDto } from './announce-interest-rate.dto.js';
import { AssessClaimDto } from './assess-claim.dto.js';
import { ChangeEmployerProfileDto } from './change-employer-profile.dto.js';
import { GrantFundSuspensionDto } from './grant-fund-suspension.dto.js';
import { RecordForceMajeureDto } from './record-force-majeure.dto.js';
import { RemindEmployerDto } from './remind-employer.dto.js';
import { AssessContributionDto } from './assess-contribution.dto.js';
import { AssignPlanDto } from './assign-plan.dto.js';
import { ChangeEmployerStatusDto } from './change-employer-status.dto.js';
import { CollectContributionDto } from './collect-contribution.dto.js';
import { IssueBookDto } from './issue-book.dto.js';
import { IssueCardDto } from './issue-card.dto.js';
import { PayBenefitDto } from './pay-benefit.dto.js';
import { ReconcilePayoutsDto } from './reconcile-payouts.dto.js';
import { RecordInspectionDto } from './record-inspection.dto.js';
import { RegisterEmployerDto } from './register-employer.dto.js';
import { RelocateEmployerDto, RelocatePersonDto } from './relocate.dto.js';
import { ReverseEntryDto } from './reverse-entry.dto.js';

export type CommandDtoClass = new () => object;

/** The DTO of each command, by its contract name: one name for one thing across layers. */
export const COMMAND_DTOS: Readonly<Record<CommandName, CommandDtoClass>> = {
  RegisterEmployer: RegisterEmployerDto,
  ChangeEmployerStatus: ChangeEmployerStatusDto,
  AssessContribution: AssessContributionDto,
  CollectContribution: CollectContributionDto,
  IssueBook: IssueBookDto,
  IssueCard: IssueCardDto,
  PayBenefit: PayBenefitDto,
  AssessClaim: AssessClaimDto,
  AssignPlan: AssignPlanDto,
  RecordInspection: RecordInspectionDto,
  ReverseEntry: ReverseEntryDto,
  ReconcilePayouts: ReconcilePayoutsDto,
  AnnounceInterestRate: AnnounceInterestRateDto,
  RemindEmployer: RemindEmployerDto,
  RecordForceMajeure: RecordForceMajeureDto,
  ChangeEmployerProfile: ChangeEmployerProfileDto,
  GrantFundSuspension: GrantFundSuspensionDto,
  RelocateEmployer: RelocateEmployerDto,
  RelocatePerson: RelocatePersonDto,
};

// A Map, not the record, answers look-ups: a name like "constructor" must not find Object.
const DTO_BY_NAME = new Map<string, CommandDtoClass>(Object.entries(COMMAND_DTOS));

/** The DTO class of a command name, or undefined when no command has that name. */
export function dtoClassFor(name: string): CommandDtoClass | undefined {
  return DTO_BY_NAME.get(name);
}
