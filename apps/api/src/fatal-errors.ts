/** Exit code after an error nobody handled: a supervisor (docker compose, systemd) restarts the process. */
export const EXIT_UNHANDLED = 1;

export interface FatalErrorOptions {
  /** Writes the one line that says why the process ends. */
  log: (message: string) => void;
  /** Closes what can be closed (HTTP server, projector, store) before the exit. */
  close: () => Promise<void>;
  /** The close may hang on what failed (a lost cluster): the process exits after this long regardless. */
  closeTimeoutMs?: number;
}

/**
 * Installs a process-wide handler for a promise rejection nobody handled. Node's default ends the
 * process with the bare stack on stderr and nothing closed; this one logs what happened, closes what it
 * can within a bound, and exits with EXIT_UNHANDLED, so a supervisor restarts a process whose state is
 * no longer known instead of it running on half-broken. Answers a function that removes the handler.
 */
export function exitOnUnhandledRejection(options: FatalErrorOptions): () => void {
  let exiting = false;
  const listener = (reason: unknown) => {
    if (exiting) return;
    exiting = true;
    const detail = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
    options.log(`unhandled promise rejection, exiting with code ${EXIT_UNHANDLED} to be restarted: ${detail}`);
    const timer = setTimeout(() => process.exit(EXIT_UNHANDLED), options.closeTimeoutMs ?? 10_000);
    timer.unref();
    options
      .close()
      .catch((error: unknown) => options.log(`while closing: ${(error as Error).message}`))
      .finally(() => process.exit(EXIT_UNHANDLED));
  };
  process.on('unhandledRejection', listener);
  return () => void process.off('unhandledRejection', listener);
}
