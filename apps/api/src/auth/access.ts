import { Reflector } from '@nestjs/core';
import type { AreaRule } from './area-scope.js';
import type { Role } from '#runtime';

/**
 * Who may call a route and which areas its data lies in. Admin keys pass the role check of every
 * route; every key, admin included, must cover the route's areas. A route without a rule is refused
 * (403), so a new route cannot be reached until someone decides who may reach it.
 */
export type AccessRule =
  | { roles: 'public' }
  | {
      /** Roles allowed besides `admin` (an empty list: admin only). */
      roles: readonly Exclude<Role, 'admin'>[];
      /** Where the route's data lies; the caller's key must cover it. */
      area: AreaRule;
    };

export const Access = Reflector.createDecorator<AccessRule>();

/** No key needed: health, and the dashboard page itself. */
export const Public = () => Access({ roles: 'public' });

/** Every role may read totals, plan progress and reports (in its areas). */
export const EVERY_ROLE = ['clerk', 'inspector', 'finance', 'auditor'] as const;
