/**
 * The reliability specs run short in CI and long under `npm run soak` (SOCAI_SOAK=1), which scales
 * every count (kills, clients, lines) up; the assertions are the same.
 */
export const SOAK = process.env.SOCAI_SOAK === '1';

/** `ci` in an ordinary run, `soak` under SOCAI_SOAK=1. */
export function scaled<T>(ci: T, soak: T): T {
  return SOAK ? soak : ci;
}

/**
 * A bound on a spec (failing with a timeout), never a statement of its speed: CI runs on shared,
 * loaded machines, so the figure a spec gives (what an idle 2-core machine comfortably needs) is
 * allowed four times over. The soak's figures are generous already.
 */
export const CI_HEADROOM = 4;

/** Jest timeout for a spec whose work grows with the soak. */
export function timeoutMs(ciSeconds: number, soakSeconds: number): number {
  return (SOAK ? soakSeconds : ciSeconds * CI_HEADROOM) * 1000;
}
