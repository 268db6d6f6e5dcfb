import { BooleanField, CodeField, DateField, MoneyField, UnitCodeField } from './field-decorators.js';

/** RecordInspection: an inspection (thanh tra, kiểm tra) of an employer and the arrears it found. */
export class RecordInspectionDto {
  @CodeField({ description: 'Inspection identifier: the idempotency key.', example: 'TT-2024-017' })
  inspectionId: string;

  @UnitCodeField()
  unitCode: string;

  @DateField({ description: 'Date of the inspection.', example: '2024-05-14' })
  inspectedOn: string;

  @BooleanField({ description: 'True for an unannounced inspection (thanh tra đột xuất).', example: true })
  unannounced: boolean;

  @MoneyField({ description: 'Arrears the inspection found.', example: '184000000' })
  arrearsFound: string;
}
