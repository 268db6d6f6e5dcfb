import type { NextFunction, Response } from 'express';
import type { SocaiRequest } from '../common/request-context.js';
import type { Metrics } from './metrics.js';
import { routeOf } from './request-log.js';

/** Counts each answer by method, declared route and status, and observes its latency, once it is sent. */
export function httpMetrics(metrics: Metrics) {
  return (request: SocaiRequest, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.request(request.method, routeOf(request), response.statusCode, seconds);
    });
    next();
  };
}
