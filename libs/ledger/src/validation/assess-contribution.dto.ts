import { CountField, DateField, MoneyField, AssessedPeriodField, NestedField, UnitCodeField } from './field-decorators.js';

/** Participants on the payroll of the period, per scheme. */
export class HeadcountDto {
  @CountField({ description: 'Employees insured for social insurance (BHXH bắt buộc).', example: 120 })
  socialInsurance: number;

  @CountField({ description: 'Employees insured for health insurance (BHYT).', example: 120 })
  healthInsurance: number;

  @CountField({ description: 'Employees insured for unemployment insurance (BHTN).', example: 118 })
  unemploymentInsurance: number;
}

/**
 * AssessContribution: the ledger computes each fund's due amount from the rates in force for the
 * period. Over HTTP the unit code is the path's `{unitCode}`, merged into the data before validation.
 */
export class AssessContributionDto {
  @UnitCodeField({}, { hidden: true })
  unitCode: string;

  @AssessedPeriodField({ description: 'The month assessed; one assessment per employer and month; at most the current month + 12.' })
  period: string;

  @NestedField(() => HeadcountDto, { description: 'Insured employees per scheme.' })
  headcount: HeadcountDto;

  @MoneyField({ description: 'Total salary on which social and health insurance are paid.', example: '1250000000' })
  payroll: string;

  @MoneyField(
    { description: 'Salary base for unemployment insurance when it differs from `payroll`.', example: '1200000000' },
    { optional: true },
  )
  unemploymentPayroll?: string;

  @DateField({ description: 'Date of the assessment.', example: '2024-03-31' })
  assessedOn: string;
}
