import { BENEFITS, PAYOUT_CHANNELS, type Benefit, type PayoutChannel } from '#domain';
import { AreaCodeField, CodeField, DateField, EnumField, MoneyField, MonthField, PersonIdField } from './field-decorators.js';

/** PayBenefit: one payment of a benefit (chế độ) to a person; the payment reference is the key. */
export class PayBenefitDto {
  @CodeField({ description: 'Payment reference: the idempotency key.', example: 'CT-2024-03-000456' })
  paymentRef: string;

  @PersonIdField()
  personId: string;

  @EnumField(BENEFITS, { description: 'Benefit paid.' })
  benefit: Benefit;

  @MonthField({ description: 'Month the payment belongs to.', example: '2024-03' })
  payoutMonth: string;

  @MoneyField({ description: 'Amount paid.', example: '5460000' })
  amount: string;

  @EnumField(PAYOUT_CHANNELS, { description: 'How the money reached the person.' })
  channel: PayoutChannel;

  @AreaCodeField({ description: 'GSO code of the paying office.' })
  areaCode: string;

  @DateField({ description: 'Date paid.', example: '2024-03-05' })
  paidOn: string;
}
