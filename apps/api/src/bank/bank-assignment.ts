import { isIsoMonth, PERSON_SCHEMES, type Payer, type PersonScheme } from '#domain';
import type { FieldError } from '#ledger';
import type { ApiBodyOptions } from '@nestjs/swagger';
import { ValidationFailed } from '../common/http-errors.js';

const EMPLOYER_FIELDS = ['unitCode', 'period'];
const PERSON_FIELDS = ['personId', 'scheme', 'coverFrom', 'coverTo'];
// The personal BHXH number (10 digits) or CCCD number (12), as CollectContribution takes it.
const PERSON_ID = /^(\d{10}|\d{12})$/;

/** The body's OpenAPI schema: an employer's assignment or a person's, and a reason. */
export const ASSIGNMENT_SCHEMA: NonNullable<Extract<ApiBodyOptions, { schema?: unknown }>['schema']> = {
  oneOf: [
    {
      type: 'object', required: ['unitCode'], additionalProperties: false,
      properties: { unitCode: { type: 'string', example: 'TA0100A' }, period: { type: 'string', pattern: '^\\d{4}-\\d{2}$', example: '2023-10' }, reason: { type: 'string', maxLength: 500 } },
    },
    {
      type: 'object', required: ['personId', 'scheme', 'coverFrom', 'coverTo'], additionalProperties: false,
      properties: {
        personId: { type: 'string', pattern: PERSON_ID.source, example: '4512345678' },
        scheme: { type: 'string', enum: [...PERSON_SCHEMES] },
        coverFrom: { type: 'string', pattern: '^\\d{4}-\\d{2}$', example: '2024-01' },
        coverTo: { type: 'string', pattern: '^\\d{4}-\\d{2}$', example: '2024-01' },
        reason: { type: 'string', maxLength: 500 },
      },
    },
  ],
};

/**
 * An assignment's body: `{unitCode, period?}` (an employer) or `{personId, scheme, coverFrom, coverTo}`
 * (a voluntary or household payer, the fields of a person's CollectContribution), and `reason?`.
 * Exactly one of the two; anything else is refused naming each field at fault.
 */
export function assignment(data: Record<string, unknown>): { payer: Payer; reason?: string } {
  const errors: FieldError[] = [];
  const employer = EMPLOYER_FIELDS.some((key) => data[key] !== undefined);
  const person = PERSON_FIELDS.some((key) => data[key] !== undefined);
  if (employer && person) {
    for (const key of PERSON_FIELDS.filter((k) => data[k] !== undefined)) errors.push({ field: key, message: 'is not a field of an employer\'s assignment: give unitCode (and period) or personId, scheme, coverFrom and coverTo, not both' });
  } else if (person) {
    if (typeof data.personId !== 'string' || !PERSON_ID.test(data.personId)) errors.push({ field: 'personId', message: 'is required: the personal BHXH number (10 digits) or CCCD number (12 digits) of the payer' });
    if (!PERSON_SCHEMES.includes(data.scheme as PersonScheme)) errors.push({ field: 'scheme', message: `must be one of: ${PERSON_SCHEMES.join(', ')}` });
    for (const key of ['coverFrom', 'coverTo']) if (!isIsoMonth(data[key])) errors.push({ field: key, message: 'is required: a month YYYY-MM' });
  } else if (typeof data.unitCode !== 'string' || !/^[A-Za-z0-9._-]{1,32}$/.test(data.unitCode)) {
    errors.push({ field: 'unitCode', message: 'is required: the unit code of the employer the credit came from (or personId, scheme, coverFrom and coverTo of a person)' });
  }
  if (data.period !== undefined && !isIsoMonth(data.period)) errors.push({ field: 'period', message: 'must be a month YYYY-MM' });
  if (data.reason !== undefined && (typeof data.reason !== 'string' || data.reason.length > 500)) errors.push({ field: 'reason', message: 'must be a text of at most 500 characters' });
  for (const key of Object.keys(data).filter((k) => ![...EMPLOYER_FIELDS, ...PERSON_FIELDS, 'reason'].includes(k))) errors.push({ field: key, message: 'is not a field of an assignment' });
  if (errors.length) throw new ValidationFailed(errors);
  const reason = data.reason as string | undefined;
  const payer: Payer = person
    ? { kind: 'person', personId: data.personId as string, scheme: data.scheme as PersonScheme, coverFrom: data.coverFrom as string, coverTo: data.coverTo as string }
    : { kind: 'employer', unitCode: data.unitCode as string, ...(data.period ? { period: data.period as string } : {}) };
  return { payer, ...(reason ? { reason } : {}) };
}
