import { EMPLOYER_SECTORS, type EmployerSector, type WageRegion } from '#domain';
import { DateField, EnumField, NestedField, TextField, UnitCodeField, WageRegionField } from './field-decorators.js';
import { MAX_NAME_LENGTH } from './field-rules.js';

/** The Ministry's approval of the 0.3 % TNLĐ–BNN rate for a high-risk employer. */
export class HighRiskApprovalDto {
  @EnumField(['0.3'], { description: 'The approved employer rate of TNLĐ–BNN, in percent.' })
  rate: '0.3';

  @TextField(MAX_NAME_LENGTH, { description: 'The approving decision.', example: 'QĐ 1234/QĐ-BLĐTBXH' })
  decisionRef: string;
}

/** ChangeEmployerProfile: a dated change of what the arrears law asks of the employer; fields left out keep their value (issue 22). */
export class ChangeEmployerProfileDto {
  @UnitCodeField({}, { hidden: true })
  unitCode: string;

  @DateField({ description: 'Date the change takes effect; with unitCode, the idempotency key.', example: '2024-07-01' })
  effectiveOn: string;

  @WageRegionField({ description: 'Wage region (vùng) 1–4 from `effectiveOn`: the BHTN cap follows it.' }, { optional: true })
  wageRegion?: WageRegion;

  @EnumField(EMPLOYER_SECTORS, { description: 'Sector from `effectiveOn`: the reliefs\' scopes follow it.' }, { optional: true })
  sector?: EmployerSector;

  @NestedField(() => HighRiskApprovalDto, { description: 'Approval of the 0.3 % TNLĐ–BNN rate from `effectiveOn`.' }, { optional: true })
  highRiskApproval?: HighRiskApprovalDto;
}
