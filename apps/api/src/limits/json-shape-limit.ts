import type { NextFunction, Request, Response } from 'express';
import { jsonShapeError, type JsonShapeLimits } from '#ledger';

/**
 * Refuses a parsed JSON body that is too wide or too deep before any route validates it: the
 * validation libraries take time quadratic in one object's keys (the event loop, and /health with
 * it, stalled for a minute at 400,000 fields) and recurse once per level (1,400 levels of arrays,
 * 2.8 KB, overflowed the stack: a 500). The check itself is one linear walk without recursion.
 */
export function jsonShapeLimit(limits: JsonShapeLimits) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const error = jsonShapeError(request.body, limits, 'body');
    if (!error) return next();
    response.status(400).json({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'the request body is nested too deeply or holds too many keys',
      errors: [error],
    });
  };
}
