import { AreaCodeField, CountField, DateField, MoneyField, NestedField, YearField } from './field-decorators.js';

/** Participants the plan expects at year end, per scheme. */
export class PlanParticipantsDto {
  @CountField({ description: 'Mandatory social insurance participants.', example: 52000 })
  mandatorySocialInsurance: number;

  @CountField({ description: 'Voluntary social insurance participants.', example: 9800 })
  voluntarySocialInsurance: number;

  @CountField({ description: 'Unemployment insurance participants.', example: 47000 })
  unemploymentInsurance: number;

  @CountField({ description: 'Health insurance participants.', example: 610000 })
  healthInsurance: number;
}

export class PlanTargetsDto {
  @MoneyField({ description: 'Collection target for the year.', example: '1680000000000' })
  collection: string;

  @NestedField(() => PlanParticipantsDto, { description: 'Participant targets per scheme.' })
  participants: PlanParticipantsDto;
}

/** AssignPlan: the year's targets for an area; the latest `assignedOn` is the plan in force. */
export class AssignPlanDto {
  @YearField({ description: 'Plan year.' })
  year: number;

  @AreaCodeField({ description: 'GSO code of the province or district the plan is assigned to.', example: '45' })
  areaCode: string;

  @NestedField(() => PlanTargetsDto, { description: 'Targets of the plan.' })
  targets: PlanTargetsDto;

  @CountField({ description: 'Labour force of the area (lực lượng lao động).', example: 340000 })
  labourForce: number;

  @CountField({ description: 'Population of the area.', example: 650000 })
  population: number;

  @DateField({ description: 'Date the plan was assigned.', example: '2024-01-10' })
  assignedOn: string;
}
