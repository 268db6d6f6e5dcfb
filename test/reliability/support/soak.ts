/**
 * The reliability specs run short in CI and long under `npm run soak` (SOCAI_SOAK=1), which scales
 * every count (kills, clients, lines) up; the assertions are the same.
 */
export const SOAK = process.env.SOCAI_SOAK === '1';

/** `ci` in an ordinary run, `soak` under SOCAI_SOAK=1. */
export function scaled<T>(ci: T, soak: T): T {
  return SOAK ? soak : ci;
}

/** Jest timeout for a spec whose work grows with the soak. */
export function timeoutMs(ciSeconds: number, soakSeconds: number): number {
  return scaled(ciSeconds, soakSeconds) * 1000;
}
