import { DomainError } from '#domain';
import type { KeyRecord } from '#event-store';

/** The command's natural key already recorded a different command (contract: 409 IDEMPOTENCY_CONFLICT). */
export class IdempotencyConflictError extends Error {
  readonly code = 'IDEMPOTENCY_CONFLICT';
  constructor(readonly existing: KeyRecord) {
    super(`${existing.commandKey} was already recorded with different content as event ${existing.eventId}`);
    this.name = 'IdempotencyConflictError';
  }
}

/** Other writers kept changing the stream; the client may simply retry (contract: 409). */
export class ConcurrencyExhaustedError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(streamId: string, attempts: number) {
    super(`stream ${streamId} changed under ${attempts} attempts in a row; retry the command`);
    this.name = 'ConcurrencyExhaustedError';
  }
}

/**
 * The command touches an area outside the caller's key (contract: 403). Worded as the HTTP access
 * guard words its refusal, so that a write refused here (a natural key held in another area, an
 * import line) answers exactly as one refused at the door.
 */
export class AreaNotAllowedError extends Error {
  readonly code = 'FORBIDDEN';
  constructor(areaCode: string) {
    super(`the key does not cover area ${areaCode}`);
    this.name = 'AreaNotAllowedError';
  }
}

/** A command refused for a reason the caller can read (a rule, a key held with other content, an area): nothing was recorded. */
export function isRefusal(error: unknown): error is DomainError | IdempotencyConflictError | AreaNotAllowedError {
  return error instanceof DomainError || error instanceof IdempotencyConflictError || error instanceof AreaNotAllowedError;
}
