import { APP_GUARD } from '@nestjs/core';
import { KeyRateLimitGuard } from './key-rate-limit.guard.js';

export { isAnsweredByTimeout, responseTimeout } from './response-timeout.js';
export { acceptedContentTypes, IMPORT_TYPES, STATEMENT_TYPES } from './content-types.js';
export { jsonShapeVerifier } from './json-shape-limit.js';

/** Registered after the access guard so that the caller is known when the limit is counted. */
export const LIMIT_PROVIDERS = [{ provide: APP_GUARD, useClass: KeyRateLimitGuard }];
