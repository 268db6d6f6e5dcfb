import { AreaCodeField, CardNoField, DateField, PersonIdField } from './field-decorators.js';

/** IssueCard: a health-insurance card (thẻ BHYT); validity periods of one person may not overlap. */
export class IssueCardDto {
  @CardNoField()
  cardNo: string;

  @PersonIdField()
  personId: string;

  @AreaCodeField({ description: 'GSO code of the issuing office.' })
  areaCode: string;

  @DateField({ description: 'First day the card is valid.', example: '2024-01-01' })
  validFrom: string;

  @DateField({ description: 'Last day the card is valid.', example: '2024-12-31' })
  validTo: string;

  @DateField({ description: 'Date of issue.', example: '2023-12-20' })
  issuedOn: string;
}
