import { CodeField, DateField, MoneyField, UnitCodeField } from './field-decorators.js';

/** RemindEmployer: a written reminder (đôn đốc) of an amount late, sent to the employer (issue 22). */
export class RemindEmployerDto {
  @CodeField({ description: 'Reference of the reminder letter: the idempotency key.', example: 'ĐĐ-0123/BHXH' })
  reminderRef: string;

  @UnitCodeField({}, { hidden: true })
  unitCode: string;

  @DateField({ description: 'Date the reminder was sent.', example: '2025-10-08' })
  sentOn: string;

  @MoneyField({ description: 'The amount late the reminder names.', example: '10000000' })
  amountLate: string;
}
