import 'reflect-metadata';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateBy, ValidateNested, type ValidationOptions } from 'class-validator';
import { DescribeField, type DtoClass, type NestedSpec } from './field-specs.js';
import { IsMoney, MONEY_RULE, NormaliseMoney } from './is-money.decorator.js';
import {
  AREA_CODE,
  AREA_CODE_RULE,
  BOOLEAN_RULE,
  CARD_NO,
  CARD_NO_RULE,
  COUNT_RULE,
  DATE_RULE,
  MAX_CODE_LENGTH,
  MAX_YEAR,
  MIN_YEAR,
  MONTH_RULE,
  ASSESSMENT_PERIOD_RULE,
  OBJECT_RULE,
  oneOfRule,
  PERCENT_RULE,
  WAGE_REGION_RULE,
  PERSON_ID,
  PERSON_ID_RULE,
  textRule,
  UNIT_CODE,
  UNIT_CODE_RULE,
  YEAR_RULE,
  type FieldRule,
} from './field-rules.js';

/**
 * Field decorators that state a field's rule once for both readers of a DTO: class-validator (what
 * is refused) and OpenAPI (what is documented at /docs). Each field carries ONE validator, so an
 * error names one problem: "is required" when the value is absent, else the rule's own sentence.
 */
export function Rule(rule: FieldRule, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: rule.name,
      validator: {
        validate: (value: unknown) => rule.test(value),
        defaultMessage: (args) => {
          const value = args?.value;
          if (value == null) return 'is required';
          return typeof rule.problem === 'function' ? rule.problem(value) : rule.problem;
        },
      },
    },
    options,
  );
}

export interface FieldOptions {
  /** Optional fields may be absent (or null, which counts as absent). */
  optional?: boolean;
  /** Validated but not documented: a nested route's path parameter, merged into the data. */
  hidden?: boolean;
}

type Api = ApiPropertyOptions;

function field(rule: FieldRule, api: Api, options: FieldOptions = {}, nested?: NestedSpec, ...extra: PropertyDecorator[]): PropertyDecorator {
  const optional = options.optional === true;
  const described = DescribeField({ rule, optional, money: false, nested });
  if (options.hidden) return applyDecorators(...(optional ? [IsOptional()] : []), Rule(rule), described, ...extra);
  if (optional) return applyDecorators(ApiPropertyOptional(api), IsOptional(), Rule(rule), described, ...extra);
  return applyDecorators(ApiProperty(api), Rule(rule), described, ...extra);
}

export function TextField(maxLength: number, api: Api, options?: FieldOptions): PropertyDecorator {
  return field(textRule(maxLength), { type: String, minLength: 1, maxLength, ...api }, options);
}

/** An opaque reference chosen by the sender (receipt number, payment reference, …). */
export function CodeField(api: Api, options?: FieldOptions): PropertyDecorator {
  return TextField(MAX_CODE_LENGTH, api, options);
}

export function UnitCodeField(api: Api = {}, options?: FieldOptions): PropertyDecorator {
  return field(
    UNIT_CODE_RULE,
    {
      type: String,
      pattern: UNIT_CODE.source,
      example: 'TA0100A',
      description: 'Employer unit code (mã đơn vị): 3 to 20 letters or digits.',
      ...api,
    },
    options,
  );
}

export function PersonIdField(api: Api = {}, options?: FieldOptions): PropertyDecorator {
  return field(PERSON_ID_RULE, {
    type: String,
    pattern: PERSON_ID.source,
    example: '4501234567',
    description: 'Personal BHXH number (10 digits) or CCCD number (12 digits).',
    ...api,
  }, options);
}

export function CardNoField(api: Api = {}): PropertyDecorator {
  return field(CARD_NO_RULE, {
    type: String,
    pattern: CARD_NO.source,
    example: 'DN4450123456789',
    description: 'BHYT card code: group code, benefit level 1-5, 2-digit province code, 10-digit BHXH number.',
    ...api,
  });
}

export function AreaCodeField(api: Api = {}, options?: FieldOptions): PropertyDecorator {
  return field(
    AREA_CODE_RULE,
    {
      type: String,
      pattern: AREA_CODE.source,
      example: '465',
      description: 'GSO area code (province 2 digits, district 3, commune 5) in force on the business date.',
      ...api,
    },
    options,
  );
}

export function DateField(api: Api, options?: FieldOptions): PropertyDecorator {
  return field(DATE_RULE, { type: String, format: 'date', example: '2024-03-15', ...api }, options);
}

export function MonthField(api: Api, options?: FieldOptions): PropertyDecorator {
  return field(MONTH_RULE, { type: String, pattern: '^\\d{4}-\\d{2}$', example: '2024-03', ...api }, options);
}

/** A period assessed (contributions, claims): a month no later than the current month + 12. */
export function AssessedPeriodField(api: Api, options?: FieldOptions): PropertyDecorator {
  return field(ASSESSMENT_PERIOD_RULE, { type: String, pattern: '^\\d{4}-\\d{2}$', example: '2024-03', ...api }, options);
}

export function YearField(api: Api): PropertyDecorator {
  return field(YEAR_RULE, { type: 'integer', minimum: MIN_YEAR, maximum: MAX_YEAR, example: 2024, ...api });
}

export function CountField(api: Api): PropertyDecorator {
  return field(COUNT_RULE, { type: 'integer', minimum: 0, ...api });
}

export function BooleanField(api: Api, options?: FieldOptions): PropertyDecorator {
  return field(BOOLEAN_RULE, { type: Boolean, ...api }, options);
}

export function EnumField(values: readonly string[], api: Api, options?: FieldOptions): PropertyDecorator {
  return field(oneOfRule(values), { enum: [...values], example: values[0], ...api }, options);
}

/** Vùng I–IV of the minimum-wage decrees, as 1 to 4. */
export function WageRegionField(api: Api, options?: FieldOptions): PropertyDecorator {
  return field(WAGE_REGION_RULE, { type: 'integer', enum: [1, 2, 3, 4], example: 2, ...api }, options);
}

/** A rate in percent as a decimal string ("1.317"): never a float, so no digit is lost. */
export function PercentField(api: Api, options?: FieldOptions): PropertyDecorator {
  return field(PERCENT_RULE, { type: String, pattern: '^(0|[1-9][0-9]?)(\\.[0-9]{1,6})?$', example: '1.317', ...api }, options);
}

/** Money as the contract has it: a decimal string of whole đồng; a safe JSON integer is normalised. */
export function MoneyField(api: Api, options: FieldOptions = {}): PropertyDecorator {
  const doc: Api = {
    type: String,
    pattern: '^(0|[1-9][0-9]*)$',
    example: '1380103000000',
    ...api,
    description: `${api.description ?? 'Amount'} Whole đồng as a decimal string (a safe JSON integer is accepted and normalised); at most 10^15.`,
  };
  const optional = options.optional === true;
  const described = DescribeField({ rule: MONEY_RULE, optional, money: true });
  if (optional) return applyDecorators(ApiPropertyOptional(doc), IsOptional(), NormaliseMoney(), IsMoney(), described);
  return applyDecorators(ApiProperty(doc), NormaliseMoney(), IsMoney(), described);
}

/** A nested object validated by its own DTO (whose unknown fields are refused in turn). */
export function NestedField(type: () => DtoClass, api: Api = {}, options: FieldOptions = {}): PropertyDecorator {
  // Swagger recognises a lazy type by the function's name being `type`, hence the wrapper.
  return field(OBJECT_RULE, { type: () => type(), ...api }, options, { kind: 'object', type }, ValidateNested(), Type(type));
}

/** A list of nested objects, each validated by its own DTO; `rule` checks the list itself. */
export function ListField(rule: FieldRule, type: () => DtoClass, api: Api): PropertyDecorator {
  return field(rule, { type: () => [type()], ...api }, {}, { kind: 'list', type }, ValidateNested({ each: true }), Type(type));
}

/**
 * A nested object whose class is named by one of its properties (a payer's `kind`). A value naming
 * no known class becomes `fallback`, a DTO that reports the discriminator alone.
 */
export function DiscriminatedField(
  property: string,
  subTypes: Readonly<Record<string, DtoClass>>,
  fallback: () => DtoClass,
  api: Api,
): PropertyDecorator {
  const discriminator = { property, subTypes: Object.entries(subTypes).map(([name, value]) => ({ name, value })) };
  return field(
    OBJECT_RULE,
    api,
    {},
    { kind: 'discriminated', property, subTypes: () => subTypes },
    ValidateNested(),
    Type(fallback, { keepDiscriminatorProperty: true, discriminator }),
  );
}
