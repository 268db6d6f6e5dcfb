import type { NextFunction, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { SocaiRequest } from '../common/request-context.js';

const ID = /^[\w.:-]{1,100}$/;

/**
 * Gives each request its id (a caller's `X-Request-Id` when it is a plain token, else a new UUID),
 * answered in `X-Request-Id`, and its correlation id (`X-Correlation-Id`, else a new one). The log
 * line, the command's events (as causation and correlation) and the caller's own logs then share them.
 */
export function requestContext(request: SocaiRequest, response: Response, next: NextFunction): void {
  request.requestId = idFrom(request.headers['x-request-id']) ?? randomUUID();
  request.correlationId = idFrom(request.headers['x-correlation-id']) ?? randomUUID();
  response.setHeader('X-Request-Id', request.requestId);
  next();
}

function idFrom(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && ID.test(header) ? header : undefined;
}
