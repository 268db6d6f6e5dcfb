import { HttpException } from '@nestjs/common';
import type { Response } from 'express';

/** 429 in the contract's error shape, with `Retry-After` set on the response it is answering. */
export function tooManyRequests(response: Response, retryAfterSeconds: number, message: string): HttpException {
  response.setHeader('Retry-After', String(retryAfterSeconds));
  return new HttpException({ statusCode: 429, code: 'TOO_MANY_REQUESTS', message }, 429);
}
