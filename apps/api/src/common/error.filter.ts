import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '#domain';
import { StoreUnavailableError } from '#event-store';
import { AreaNotAllowedError, ConcurrencyExhaustedError, IdempotencyConflictError } from '#ledger';
import { isAnsweredByTimeout } from '../limits/response-timeout.js';
import { NotCaughtUp } from './http-errors.js';

/**
 * Maps every failure to the contract's answers: business refusals → 422 {code, message},
 * idempotency and concurrency conflicts → 409, unreadable bodies → 400, too large → 413, a store
 * that cannot write → 503. Only a genuine bug is a 500, and its details stay in the log.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    // The route failed, or could not send its answer, after the response timeout answered for it.
    if (isAnsweredByTimeout(response)) return;
    const [status, body] = this.answer(error);
    if (error instanceof NotCaughtUp) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    if (status === 503 && !response.getHeader('Retry-After')) response.setHeader('Retry-After', '1');
    if (!response.headersSent) response.status(status).json(body);
  }

  private answer(error: unknown): [number, object] {
    // Nest wraps an error from an Express middleware (the JSON parser's verify hook) in a plain
    // HttpException with the original as its cause: the original carries the contract's body.
    if (error instanceof HttpException && error.cause instanceof HttpException) return this.answer(error.cause);
    if (error instanceof DomainError) return [422, { statusCode: 422, code: error.code, message: error.message }];
    if (error instanceof IdempotencyConflictError || error instanceof ConcurrencyExhaustedError) {
      return [409, { statusCode: 409, code: error.code, message: error.message }];
    }
    if (error instanceof AreaNotAllowedError) return [403, { statusCode: 403, code: error.code, message: error.message }];
    if (error instanceof StoreUnavailableError) return [503, { statusCode: 503, code: 'STORE_UNAVAILABLE', message: error.message }];
    if (error instanceof HttpException) return this.fromHttpException(error);
    const bodyParser = error as { type?: string; status?: number; message?: string };
    if (bodyParser?.type === 'entity.too.large' || bodyParser?.status === 413) {
      return [413, { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large' }];
    }
    if (typeof bodyParser?.status === 'number' && bodyParser.status >= 400 && bodyParser.status < 500) {
      return [400, { statusCode: 400, code: 'VALIDATION_FAILED', message: 'the request body could not be read', errors: [{ field: 'body', message: bodyParser.message ?? 'unreadable body' }] }];
    }
    this.logger.error(error instanceof Error ? error.stack : String(error));
    return [500, { statusCode: 500, code: 'INTERNAL_ERROR', message: 'an internal error occurred; it has been logged' }];
  }

  private fromHttpException(error: HttpException): [number, object] {
    const status = error.getStatus();
    const body = error.getResponse();
    if (typeof body === 'object' && body !== null && 'code' in body) return [status, body];
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message ?? error.message;
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 404 ? 'NOT_FOUND' : status === 401 ? 'UNAUTHORIZED' : status === 403 ? 'FORBIDDEN' : status === 429 ? 'TOO_MANY_REQUESTS' : status === 400 ? 'VALIDATION_FAILED' : 'ERROR';
    if (status === 400) return [400, { statusCode: 400, code, message: String(message), errors: [{ field: 'request', message: String(message) }] }];
    return [status, { statusCode: status, code, message: Array.isArray(message) ? message.join('; ') : String(message) }];
  }
}
