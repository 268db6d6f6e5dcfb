import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { SocaiRequest } from '../common/request-context.js';
import { maskPersonIds } from './mask.js';

/** The route as declared (`/api/employers/:unitCode/assessments`), so that ids do not split series; `unmatched` for a 404. */
export function routeOf(request: SocaiRequest): string {
  const path = (request as { route?: { path?: unknown } }).route?.path;
  return typeof path === 'string' ? request.baseUrl + path : 'unmatched';
}

/** The fields of a request's one log line: who (the key's id and role, never the key), what, and how it ended. */
export function requestLogFields(request: SocaiRequest, response: ServerResponse, durationMs: number): Record<string, unknown> {
  // The request id is bound to the request's logger (pino-http's `reqId`, renamed), so not repeated here.
  return {
    correlationId: request.correlationId,
    method: request.method,
    route: routeOf(request),
    path: maskPersonIds(request.path),
    status: response.statusCode,
    durationMs,
    keyId: request.caller?.keyId ?? null,
    role: request.caller?.role ?? null,
    ...(request.commandKey === undefined ? {} : { commandKey: maskPersonIds(request.commandKey) }),
  };
}

/** Probed every few seconds by load balancers and orchestrators: their lines would drown the others. */
const PROBES = new Set(['/health', '/health/ready']);

/** One line a request, when its answer is sent: info, warn for a 4xx, error for a 5xx; health probes at debug. */
export function requestLogger(logger: Logger): HttpLogger<SocaiRequest, ServerResponse> {
  return pinoHttp<SocaiRequest, ServerResponse>({
    logger,
    genReqId: (request) => request.requestId ?? '',
    // The child loggers carry only the request id, not pino-http's dump of the headers.
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    customLogLevel: (request, response, error) => {
      if (PROBES.has(routeOf(request))) return 'debug';
      return error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info';
    },
    customSuccessObject: (request, response, value: { responseTime: number }) => requestLogFields(request, response, value.responseTime),
    customErrorObject: (request, response, _error, value: { responseTime: number }) => requestLogFields(request, response, value.responseTime),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
  });
}
