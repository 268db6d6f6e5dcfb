import { AreaCodeField, CodeField, CountField, DateField, MoneyField, AssessedPeriodField, NestedField } from './field-decorators.js';

/** Patient visits in the claimed period. */
export class VisitsDto {
  @CountField({ description: 'Outpatient visits (ngoại trú).', example: 4210 })
  outpatient: number;

  @CountField({ description: 'Inpatient stays (nội trú).', example: 312 })
  inpatient: number;
}

/** AssessClaim: a health-insurance claim of a facility, assessed (giám định); approved ≤ requested. */
export class AssessClaimDto {
  @CodeField({ description: 'Assessment reference: the idempotency key.', example: 'GD-46001-2024-03' })
  assessmentRef: string;

  @CodeField({ description: 'Health facility code (mã cơ sở KCB).', example: '45001' })
  facilityCode: string;

  @AreaCodeField({ description: 'GSO code of the facility\'s area.' })
  areaCode: string;

  @AssessedPeriodField({ description: 'Month of care claimed; at most the current month + 12.', example: '2024-03' })
  period: string;

  @NestedField(() => VisitsDto, { description: 'Visits in the period.' })
  visits: VisitsDto;

  @MoneyField({ description: 'Amount the facility requested.', example: '2350000000' })
  requested: string;

  @MoneyField({ description: 'Amount approved after assessment (no more than requested).', example: '2310000000' })
  approved: string;

  @DateField({ description: 'Date of the assessment.', example: '2024-04-20' })
  assessedOn: string;
}
