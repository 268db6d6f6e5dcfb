/**
 * The contract's roles. `admin` may do everything, keys included; the others are granted route by
 * route with `@Access` (see access.ts and the matrix in docs/access.md).
 */
export const ROLES = ['admin', 'clerk', 'inspector', 'finance', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A key's areas use `*` for "every area" (the same sentinel as the domain's ALL_AREAS). */
export const EVERY_AREA = '*';
