/**
 * The HTTP server is the API app (apps/api); `socai serve` and `socai demo` start its compiled entry
 * in their own process, as `node dist/apps/api/src/main.js` would, so the CLI runs the same server
 * without importing the other app's code. The entry reads the SOCAI_* environment itself.
 */
const API_MAIN = new URL('../../../apps/api/src/main.js', import.meta.url);

/** Resolves once the server listens (its `serve` closes it on SIGTERM/SIGINT); rejects if it cannot start. */
export async function startApiServer(): Promise<void> {
  await import(API_MAIN.href);
}
