/**
 * A business rule refused a command. The code is stable and public (contract.md); the HTTP layer
 * maps every DomainError to 422 and the import reports it against the line.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export type DomainErrorCode =
  | 'EMPLOYER_NOT_REGISTERED'
  | 'EMPLOYER_ALREADY_REGISTERED'
  | 'EMPLOYER_NOT_ACTIVE'
  | 'STATUS_UNCHANGED'
  | 'PERIOD_ALREADY_ASSESSED'
  | 'PERIOD_NOT_ASSESSED'
  | 'CARD_PERIOD_OVERLAP'
  | 'CARD_PROVINCE_MISMATCH'
  | 'UNKNOWN_AREA'
  | 'AREA_REQUIRED'
  | 'AREA_LEVEL_NOT_ALLOWED'
  | 'INVALID_PERIOD'
  | 'APPROVED_EXCEEDS_REQUESTED'
  | 'EVENT_NOT_FOUND'
  | 'NOT_REVERSIBLE'
  | 'ALREADY_REVERSED'
  | 'DATE_BEFORE_EVENT'
  /** A profile change that names nothing to change (issue 22). */
  | 'NOTHING_TO_CHANGE'
  /** A month-end close found nothing late for one employer: nothing recorded for it. */
  | 'NOTHING_TO_CHARGE'
  /** A relocation to the area the employer or person is already homed in on that date. */
  | 'AREA_UNCHANGED'
  /** A dated rule (rate, cap) has no row for the date asked: configure it in libs/domain/src/rules. */
  | 'RULES_NOT_CONFIGURED'
  /** A bank credit already matched, assigned or returned (issue 24): reverse that decision first. */
  | 'CREDIT_ALREADY_DECIDED';

export const refuse = (code: DomainErrorCode, message: string): never => {
  throw new DomainError(code, message);
};
