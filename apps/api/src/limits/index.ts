import { APP_GUARD } from '@nestjs/core';
import { KeyRateLimitGuard } from './key-rate-limit.guard.js';
import { UnauthenticatedLimit } from './unauthenticated-limit.js';

export { isAnsweredByTimeout, responseTimeout } from './response-timeout.js';
export { acceptedContentTypes, BANK_STATEMENT_TYPES, IMPORT_TYPES, STATEMENT_TYPES } from './content-types.js';
export { jsonShapeVerifier } from './json-shape-limit.js';
export { tooManyRequests } from './too-many-requests.js';
export { UnauthenticatedLimit } from './unauthenticated-limit.js';

/** Registered after the access guard so that the caller is known when the limit is counted. */
export const LIMIT_PROVIDERS = [UnauthenticatedLimit, { provide: APP_GUARD, useClass: KeyRateLimitGuard }];
