import { CodeField, DateField, EnumField, UnitCodeField } from './field-decorators.js';

/** GrantFundSuspension: NQ 68's suspension of the pension fund's contributions, a decision on the employer's application (issue 22). */
export class GrantFundSuspensionDto {
  @UnitCodeField({}, { hidden: true })
  unitCode: string;

  @EnumField(['pension'], { description: 'The fund suspended: only the pension–survivors fund may be.' })
  fund: 'pension';

  @DateField({ description: 'First day of the suspension.', example: '2021-07-01' })
  from: string;

  @DateField({ description: 'Last day of the suspension (included); not before `from`.', example: '2022-06-30' })
  to: string;

  @CodeField({ description: 'The decision granting it: the idempotency key.', example: 'QĐ 55/QĐ-BHXH' })
  decisionRef: string;
}
