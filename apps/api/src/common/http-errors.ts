import { HttpException } from '@nestjs/common';
import type { FieldError } from '#ledger';

export type { FieldError };

/** 400 in the contract's shape: `{statusCode, code: VALIDATION_FAILED, errors: [{field, message}]}`. */
export class ValidationFailed extends HttpException {
  constructor(errors: FieldError[]) {
    super({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'the request is not valid', errors }, 400);
  }
}

export class NotFound extends HttpException {
  constructor(code: string, message: string) {
    super({ statusCode: 404, code, message }, 404);
  }
}

/** The read models did not reach the requested position in time; the client retries later. */
export class NotCaughtUp extends HttpException {
  constructor(readonly retryAfterSeconds: number, position: number, wanted: number) {
    super({ statusCode: 503, code: 'READ_MODELS_BEHIND', message: `read models are at ${position}, not yet at ${wanted}` }, 503);
  }
}

export class PayloadTooLarge extends HttpException {
  constructor(message: string) {
    super({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message }, 413);
  }
}
