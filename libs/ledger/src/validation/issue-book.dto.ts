import { AreaCodeField, BooleanField, DateField, PersonIdField } from './field-decorators.js';

/** IssueBook: a social-insurance book (sổ BHXH) issued to a person. */
export class IssueBookDto {
  @PersonIdField()
  personId: string;

  @AreaCodeField({ description: 'GSO code of the issuing office.' })
  areaCode: string;

  @DateField({ description: 'Date of issue.', example: '2024-02-20' })
  issuedOn: string;

  @BooleanField({ description: 'True when the book replaces one issued before (cấp lại).', example: false }, { optional: true })
  reissue?: boolean;
}
