import { DateField, TextField, UnitCodeField } from './field-decorators.js';
import { MAX_NAME_LENGTH, MAX_REASON_LENGTH } from './field-rules.js';

/** RecordForceMajeure: days (both included) the authorities recognised as force majeure for the employer (issue 22). */
export class RecordForceMajeureDto {
  @UnitCodeField({}, { hidden: true })
  unitCode: string;

  @DateField({ description: 'First day of force majeure; with unitCode, the idempotency key.', example: '2025-12-10' })
  from: string;

  @DateField({ description: 'Last day of force majeure (included); not before `from`.', example: '2025-12-20' })
  to: string;

  @TextField(MAX_REASON_LENGTH, { description: 'What happened (disaster, epidemic, emergency).', example: 'Lũ lụt' })
  reason: string;

  @TextField(MAX_NAME_LENGTH, { description: 'The decision or announcement that recognises it.', example: 'QĐ 77/QĐ-UBND' })
  documentRef: string;
}
