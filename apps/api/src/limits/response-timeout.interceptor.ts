import { HttpException, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, throwError, timeout, TimeoutError, type Observable } from 'rxjs';
import { SocaiRuntime } from '../runtime.js';

/** A request that takes longer than the configured time answers 503 with Retry-After instead of hanging. */
@Injectable()
export class ResponseTimeoutInterceptor implements NestInterceptor {
  constructor(@Inject(SocaiRuntime) private readonly runtime: SocaiRuntime) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<{ path?: string }>();
    // The bulk import streams a file of any size; its own byte limit bounds it instead.
    if (request.path === '/api/import') return next.handle();
    return next.handle().pipe(
      timeout(this.runtime.config.responseTimeoutMs),
      catchError((error: unknown) =>
        throwError(() => (error instanceof TimeoutError
          ? new HttpException({ statusCode: 503, code: 'TIMEOUT', message: `no answer within ${this.runtime.config.responseTimeoutMs} ms; retry later` }, 503)
          : error)),
      ),
    );
  }
}
