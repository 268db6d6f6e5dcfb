import { StoreUnavailableError } from '../event-store.port.js';

// Disk full, I/O failure, read-only file or a lock held past busy_timeout: the write did not happen
// and may succeed later, which is what StoreUnavailableError tells the caller.
const UNAVAILABLE_CODES = /^SQLITE_(FULL|IOERR|READONLY|BUSY|LOCKED|CANTOPEN)/;

/** Runs `work`, turning SQLite's "cannot write now" errors into StoreUnavailableError. */
export function guarded<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw toStoreError(error);
  }
}

export function toStoreError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.test(code)) {
    const unavailable = new StoreUnavailableError(`event store unavailable (${code}): ${(error as Error).message}`);
    (unavailable as { cause?: unknown }).cause = error;
    return unavailable;
  }
  return error;
}
