import { EMPLOYER_SECTORS, type EmployerSector, type WageRegion } from '#domain';
import { AreaCodeField, CodeField, DateField, EnumField, TextField, UnitCodeField, WageRegionField } from './field-decorators.js';
import { MAX_NAME_LENGTH } from './field-rules.js';

/** RegisterEmployer: opens an employer's stream `employer-{unitCode}`. */
export class RegisterEmployerDto {
  @UnitCodeField({ description: 'Employer unit code (mã đơn vị), unique per ledger: the idempotency key.' })
  unitCode: string;

  @TextField(MAX_NAME_LENGTH, { description: 'Registered name of the employer.', example: 'Công ty TNHH Mía đường Quảng Trị' })
  name: string;

  @AreaCodeField({ description: 'GSO code of the district (before 2025-07-01) or commune where the employer is managed.' })
  areaCode: string;

  @CodeField({ description: 'Tax code (mã số thuế).', example: '3200123456' }, { optional: true })
  taxCode?: string;

  @DateField({ description: 'Date the employer joined social insurance.', example: '2020-01-15' })
  registeredOn: string;

  @WageRegionField({ description: 'Wage region (vùng) 1–4 of the minimum-wage decrees; region I (the highest BHTN cap) when absent.' }, { optional: true })
  wageRegion?: WageRegion;

  @EnumField(EMPLOYER_SECTORS, { description: 'Sector, for the reliefs\' scopes; `enterprise` when absent.' }, { optional: true })
  sector?: EmployerSector;
}
