import { APP_GUARD } from '@nestjs/core';
import { SocaiRuntime } from '#runtime';
import { AccessGuard } from './access.guard.js';
import { KeyStore } from './key-store.js';
import { KeysController } from './keys.controller.js';

export { Access, EVERY_ROLE, Public, type AccessRule } from './access.js';
export { AccessGuard, isPublicPath } from './access.guard.js';
export type { ApiKey, CreatedKey } from './api-key.js';
export { AreaOf, employerArea, type AreaLookups, type AreaRule } from './area-scope.js';
export { Forbidden, Unauthorized } from './auth-errors.js';
export { checkNewKey } from './create-key.js';
export { KeyNameTakenError, KeyStore, type KeyOrigin, type KeyStoreOptions, type NewKey } from './key-store.js';
export { KeysController } from './keys.controller.js';
export { EVERY_AREA, ROLES, isRole, type Role } from './roles.js';

/** The key store (opened on the runtime's data dir, closed with the app) and the global access guard. */
export const AUTH_PROVIDERS = [
  { provide: KeyStore, useFactory: (runtime: SocaiRuntime) => KeyStore.open(runtime.config), inject: [SocaiRuntime] },
  { provide: APP_GUARD, useClass: AccessGuard },
];

export const AUTH_CONTROLLERS = [KeysController];
