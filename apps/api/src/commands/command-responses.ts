import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiBadRequestResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';

/** OpenAPI documentation shared by every command route. */
export function CommandRoute(summary: string, dto: new (...args: never[]) => unknown) {
  return applyDecorators(
    ApiBody({ type: dto, description: summary }),
    ApiCreatedResponse({ description: 'A new event: {eventId, type, streamId, revision, position}' }),
    ApiOkResponse({ description: 'The same command was recorded before: the original result, nothing written' }),
    ApiBadRequestResponse({ description: 'VALIDATION_FAILED with errors [{field, message}]' }),
    ApiConflictResponse({ description: 'IDEMPOTENCY_CONFLICT (same key, other content) or CONCURRENCY_CONFLICT' }),
    ApiUnprocessableEntityResponse({ description: 'A business rule refused the command: {code, message}' }),
  );
}
