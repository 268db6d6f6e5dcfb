import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { KeyRateLimitGuard } from './key-rate-limit.guard.js';
import { ResponseTimeoutInterceptor } from './response-timeout.interceptor.js';

/** Registered after the access guard so that the caller is known when the limit is counted. */
export const LIMIT_PROVIDERS = [
  { provide: APP_GUARD, useClass: KeyRateLimitGuard },
  { provide: APP_INTERCEPTOR, useClass: ResponseTimeoutInterceptor },
];
