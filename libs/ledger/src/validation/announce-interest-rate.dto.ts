import { DateField, EnumField, PercentField, TextField, YearField } from './field-decorators.js';
import { MAX_REASON_LENGTH } from './field-rules.js';

/** AnnounceInterestRate: the monthly late-payment rate k the agency announced for a year and fund (issue 22). */
export class AnnounceInterestRateDto {
  @YearField({ description: 'The year the rate applies to, from 1 January.', example: 2017 })
  year: number;

  @EnumField(['social', 'health'], { description: '`social`: BHXH and BHTN; `health`: BHYT.' })
  fund: 'social' | 'health';

  @PercentField({ description: 'k in percent per month.' })
  monthlyPercent: string;

  @TextField(MAX_REASON_LENGTH, { description: 'The announcement (số thông báo) and who issued it; an unconfirmed rate says so here.', example: 'TB 425/TB-BHXH (BHXH Việt Nam)' })
  documentRef: string;

  @DateField({ description: 'Date of the announcement: a replay as known before it does not charge this rate.', example: '2017-02-14' })
  announcedOn: string;
}
