import { AreaCodeField, CodeField, ListField, MoneyField, MonthField, PersonIdField, TextField } from './field-decorators.js';
import { MAX_NAME_LENGTH, MAX_STATEMENT_LINES, STATEMENT_LINES_RULE } from './field-rules.js';

/** One payment as the payout agent's statement reports it. */
export class StatementLineDto {
  @CodeField({ description: 'Payment reference as recorded by PayBenefit.', example: 'CT-2024-03-000456' })
  paymentRef: string;

  @PersonIdField()
  personId: string;

  @MoneyField({ description: 'Amount the agent reports as paid.', example: '5460000' })
  amount: string;
}

/** ReconcilePayouts: an agent's statement for a month and area, matched against the ledger. */
export class ReconcilePayoutsDto {
  @CodeField({ description: 'Statement reference: the idempotency key.', example: 'BD-QT-2024-03' })
  statementRef: string;

  @MonthField({ description: 'Payout month the statement covers.', example: '2024-03' })
  month: string;

  @AreaCodeField({ description: 'GSO code of the area the statement covers.', example: '45' })
  areaCode: string;

  @TextField(MAX_NAME_LENGTH, { description: 'Payout agent.', example: 'Bưu điện tỉnh Quảng Trị' })
  agent: string;

  @ListField(STATEMENT_LINES_RULE, () => StatementLineDto, {
    minItems: 1,
    maxItems: MAX_STATEMENT_LINES,
    description: 'Statement lines, one per payment.',
  })
  lines: StatementLineDto[];
}
