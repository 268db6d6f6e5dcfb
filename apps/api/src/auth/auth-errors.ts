import { HttpException } from '@nestjs/common';

/** 401: no key, a malformed Authorization header, or a key that is unknown or revoked. */
export class Unauthorized extends HttpException {
  constructor(message: string) {
    super({ statusCode: 401, code: 'UNAUTHORIZED', message }, 401);
  }
}

/** 403: a valid key whose role or areas do not reach this route or this data. */
export class Forbidden extends HttpException {
  constructor(message: string) {
    super({ statusCode: 403, code: 'FORBIDDEN', message }, 403);
  }
}
