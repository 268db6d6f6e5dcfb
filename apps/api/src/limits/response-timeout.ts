import type { NextFunction, Request, Response } from 'express';

/** The answers that a timeout gave, so that the route's own late answer or error is dropped. */
const answeredByTimeout = new WeakSet<Response>();

/** True once the response timeout has answered this request; whatever the route does later is discarded. */
export function isAnsweredByTimeout(response: Response): boolean {
  return answeredByTimeout.has(response);
}

/**
 * A request that takes longer than `timeoutMs` answers 503 TIMEOUT with Retry-After instead of hanging;
 * the bulk import streams a file of any size and is bounded by its own byte limit instead.
 *
 * An Express middleware and not a Nest interceptor: any global interceptor puts every request of every
 * route through Nest's RxJS pipeline (defer, mergeAll, a ReplaySubject, a scheduled timer), which cost
 * more CPU per command than the key look-up; a plain timer cleared when the response closes does not.
 */
export function responseTimeout(timeoutMs: number) {
  const body = { statusCode: 503, code: 'TIMEOUT', message: `no answer within ${timeoutMs} ms; retry later` };
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.path === '/api/import') return next();
    const timer = setTimeout(() => {
      if (response.headersSent) return;
      answeredByTimeout.add(response);
      response.setHeader('Retry-After', '1');
      response.status(503).json(body);
    }, timeoutMs);
    response.once('close', () => clearTimeout(timer));
    next();
  };
}
