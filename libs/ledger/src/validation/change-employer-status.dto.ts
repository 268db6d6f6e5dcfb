import { EMPLOYER_STATUSES, type EmployerStatus } from '#domain';
import { DateField, EnumField, TextField, UnitCodeField } from './field-decorators.js';
import { MAX_REASON_LENGTH } from './field-rules.js';

/**
 * ChangeEmployerStatus. Over HTTP the unit code is the path's `{unitCode}`, merged into the data
 * before validation, so it is hidden from the documented body; an import line carries it in `data`.
 */
export class ChangeEmployerStatusDto {
  @UnitCodeField({}, { hidden: true })
  unitCode: string;

  @EnumField(EMPLOYER_STATUSES, { description: 'The status from `effectiveOn` on.' })
  status: EmployerStatus;

  @DateField({ description: 'Date the new status takes effect.', example: '2024-06-01' })
  effectiveOn: string;

  @TextField(MAX_REASON_LENGTH, { description: 'Why the status changes.', example: 'Quyết định tạm ngừng hoạt động số 12/QĐ' })
  reason: string;
}
