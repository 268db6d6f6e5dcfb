import { ApiExtraModels, getSchemaPath } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { PERSON_SCHEMES, type PersonScheme } from '#domain';
import {
  AreaCodeField,
  CodeField,
  DateField,
  DiscriminatedField,
  EnumField,
  MoneyField,
  MonthField,
  PersonIdField,
  UnitCodeField,
} from './field-decorators.js';

export const PAYER_KINDS = ['employer', 'person'] as const;

/** An employer paying its assessed contributions. */
export class EmployerPayerDto {
  @EnumField(['employer'], { description: 'Discriminator: an employer pays.' })
  kind: 'employer';

  @UnitCodeField()
  unitCode: string;

  @MonthField(
    { description: 'The assessed period this payment settles; without it the oldest outstanding periods are settled first.' },
    { optional: true },
  )
  period?: string;
}

/** A person paying voluntary social insurance or household health insurance for a span of months. */
export class PersonPayerDto {
  @EnumField(['person'], { description: 'Discriminator: a person pays.' })
  kind: 'person';

  @PersonIdField()
  personId: string;

  @EnumField(PERSON_SCHEMES, { description: 'Scheme the person pays into.' })
  scheme: PersonScheme;

  @MonthField({ description: 'First month covered by the payment.', example: '2024-01' })
  coverFrom: string;

  @MonthField({ description: 'Last month covered by the payment.', example: '2024-12' })
  coverTo: string;
}

/**
 * What a payer whose `kind` is missing or unknown becomes: only `kind` is reported, because the
 * other fields cannot be judged before we know which payer was meant.
 */
export class UnknownPayerDto {
  @EnumField(PAYER_KINDS, {})
  kind: string;

  @Allow() unitCode: unknown;
  @Allow() period: unknown;
  @Allow() personId: unknown;
  @Allow() scheme: unknown;
  @Allow() coverFrom: unknown;
  @Allow() coverTo: unknown;
}

/** CollectContribution: recorded on the payer's stream; the receipt number is the idempotency key. */
@ApiExtraModels(EmployerPayerDto, PersonPayerDto)
export class CollectContributionDto {
  @CodeField({ description: 'Receipt number (số biên lai / chứng từ): the idempotency key.', example: 'PT-2024-000123' })
  receiptNo: string;

  @DiscriminatedField('kind', { employer: EmployerPayerDto, person: PersonPayerDto }, () => UnknownPayerDto, {
    description: 'Who pays: an employer (`kind: "employer"`) or a person (`kind: "person"`).',
    oneOf: [{ $ref: getSchemaPath(EmployerPayerDto) }, { $ref: getSchemaPath(PersonPayerDto) }],
    discriminator: {
      propertyName: 'kind',
      mapping: { employer: getSchemaPath(EmployerPayerDto), person: getSchemaPath(PersonPayerDto) },
    },
  })
  payer: EmployerPayerDto | PersonPayerDto;

  @MoneyField({ description: 'Amount collected.', example: '265000000' })
  amount: string;

  @DateField({ description: 'Date the money was received.', example: '2024-04-10' })
  collectedOn: string;

  @AreaCodeField({ description: 'GSO code of the collecting office, when it differs from the payer\'s area.' }, { optional: true })
  areaCode?: string;
}
