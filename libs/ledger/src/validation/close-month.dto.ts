import { AreaCodeField, DateField, MonthField } from './field-decorators.js';

/** CloseMonth: the month-end close of an area; late interest charged to each of its employers (issue 22). */
export class CloseMonthDto {
  @MonthField({ description: 'The month closed: interest is charged up to its last day.', example: '2017-04' })
  month: string;

  @AreaCodeField({ description: 'GSO code of the area closed (a province covers its districts or communes); with month, the idempotency key.', example: '45' })
  areaCode: string;

  @DateField({ description: 'Date of the close.', example: '2017-05-02' })
  closedOn: string;
}
