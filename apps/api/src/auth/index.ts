import { APP_GUARD } from '@nestjs/core';
import { KeyStore, SocaiRuntime } from '#runtime';
import { AccessGuard } from './access.guard.js';
import { KeysController } from './keys.controller.js';

export { Access, EVERY_ROLE, Public, type AccessRule } from './access.js';
export { AccessGuard, isPublicPath } from './access.guard.js';
export { AreaOf, employerArea, type AreaLookups, type AreaRule } from './area-scope.js';
export { Forbidden, Unauthorized } from './auth-errors.js';
export { KeysController } from './keys.controller.js';

/** The key store (opened on the runtime's data dir, closed with the app) and the global access guard. */
export const AUTH_PROVIDERS = [
  { provide: KeyStore, useFactory: (runtime: SocaiRuntime) => KeyStore.open(runtime.config), inject: [SocaiRuntime] },
  { provide: APP_GUARD, useClass: AccessGuard },
];

export const AUTH_CONTROLLERS = [KeysController];
