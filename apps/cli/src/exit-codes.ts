/** The contract's exit codes for every CLI command. */
export const EXIT = {
  ok: 0,
  usage: 1,
  /** Integrity or connection failure: a broken chain, a store that cannot be opened. */
  integrity: 2,
  /** Some input lines were refused (the valid ones were recorded). */
  refused: 3,
} as const;

export class UsageError extends Error {}
