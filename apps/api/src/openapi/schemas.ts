import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The money format, stated once for the document's readers (every money field carries the same pattern). */
export const MONEY_SCHEMA = {
  type: 'string',
  pattern: '^(0|[1-9][0-9]*)$',
  example: '1380103000000',
  description:
    'Whole đồng as a decimal string (the đồng has no minor unit). On input a plain JSON integer literal that is a safe integer is accepted and normalised; fractions, negatives, exponents (also as JSON number literals: 1e3, 1000.0, -0) and values over 10^15 are refused with 400.',
} as const;

export class FieldErrorDto {
  @ApiProperty({ example: 'amount', description: 'The field at fault, as a path into the body (`payer.unitCode`) or a query parameter.' })
  field: string;

  @ApiProperty({ example: 'must be a whole number of đồng as a decimal string', description: 'What is wrong with it.' })
  message: string;
}

/** Every error answer, whatever the status: 400, 401, 403, 404, 409, 413, 415, 422, 429, 503. */
export class ErrorBodyDto {
  @ApiProperty({ example: 422, description: 'The HTTP status, repeated.' })
  statusCode: number;

  @ApiProperty({ example: 'CARD_PERIOD_OVERLAP', description: 'A stable code: VALIDATION_FAILED, UNAUTHORIZED, FORBIDDEN, IDEMPOTENCY_CONFLICT, a business rule\'s code, …' })
  code: string;

  @ApiProperty({ example: 'the person already holds a card valid in part of this period', description: 'For people; may change between versions.' })
  message: string;

  @ApiPropertyOptional({ type: () => [FieldErrorDto], description: 'Present on 400 VALIDATION_FAILED: one entry per field at fault.' })
  errors?: FieldErrorDto[];
}

/** What a recorded command answers (201 new, 200 the same command again). */
export class CommandResultDto {
  @ApiProperty({ example: '0f8e6c1d2a3b4c5d6e7f8091a2b3c4d5', description: 'The event\'s id; stable for a retried command.' })
  eventId: string;

  @ApiProperty({ example: 'ContributionAssessed', description: 'The event type recorded.' })
  type: string;

  @ApiProperty({ example: 'employer-BL00001', description: 'The stream the event was appended to.' })
  streamId: string;

  @ApiProperty({ example: 1, description: 'The event\'s revision in its stream, from 0.' })
  revision: number;

  @ApiProperty({ example: 2, description: 'The event\'s position in the global log, from 1: pass it as `minPosition` to read your own write.' })
  position: number;
}
