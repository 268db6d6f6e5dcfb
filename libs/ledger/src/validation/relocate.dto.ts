import { AreaCodeField, DateField, PersonIdField, TextField, UnitCodeField } from './field-decorators.js';
import { MAX_REASON_LENGTH } from './field-rules.js';

/**
 * RelocateEmployer (issue 28): the employer is homed in `areaCode` from `effectiveOn`. Over HTTP the
 * unit code is the path's `{unitCode}`, merged into the data before validation; an import line carries
 * it in `data`.
 */
export class RelocateEmployerDto {
  @UnitCodeField({}, { hidden: true })
  unitCode: string;

  @AreaCodeField({ description: 'GSO code of the new home, in force on `effectiveOn` (a commune or province from 2025-07-01).', example: '19429' })
  areaCode: string;

  @DateField({ description: 'Date from which the employer is homed there.', example: '2025-09-01' })
  effectiveOn: string;

  @TextField(MAX_REASON_LENGTH, { description: 'Why the employer is relocated.', example: 'Sắp xếp đơn vị hành chính 2025: trụ sở thuộc xã Khe Sanh' })
  reason: string;
}

/** RelocatePerson: the same for a person; over HTTP the person's id is the path's `{personId}`. */
export class RelocatePersonDto {
  @PersonIdField({}, { hidden: true })
  personId: string;

  @AreaCodeField({ description: 'GSO code of the new home, in force on `effectiveOn` (a commune or province from 2025-07-01).', example: '19429' })
  areaCode: string;

  @DateField({ description: 'Date from which the person is homed there.', example: '2025-09-01' })
  effectiveOn: string;

  @TextField(MAX_REASON_LENGTH, { description: 'Why the person is relocated.', example: 'Sắp xếp đơn vị hành chính 2025' })
  reason: string;
}
