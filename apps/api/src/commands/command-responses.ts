import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiBadRequestResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { COMMAND_EXAMPLES } from '../openapi/command-examples.js';
import { CommandResultDto } from '../openapi/schemas.js';

/** OpenAPI documentation shared by every command route: body with an example, the contract's answers. */
export function CommandRoute(command: string, dto: new (...args: never[]) => unknown, result: new (...args: never[]) => unknown = CommandResultDto) {
  const example = COMMAND_EXAMPLES[command];
  return applyDecorators(
    ApiBody({ type: dto, description: command, ...(example ? { examples: { [command]: { summary: `${command}, as a clerk would send it`, value: example } } } : {}) }),
    ApiCreatedResponse({ type: result, description: 'A new event: {eventId, type, streamId, revision, position}' }),
    ApiOkResponse({ type: result, description: 'The same command was recorded before: the original result, nothing written' }),
    ApiBadRequestResponse({ description: 'VALIDATION_FAILED with errors [{field, message}]: a missing, unknown or ill-formed field' }),
    ApiConflictResponse({ description: 'IDEMPOTENCY_CONFLICT (same key, other content) or CONCURRENCY_CONFLICT (retry)' }),
    ApiUnprocessableEntityResponse({ description: 'A business rule refused the command: {statusCode, code, message}' }),
  );
}
