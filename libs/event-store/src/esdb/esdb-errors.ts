import { ErrorType, isCommandError, StreamNotFoundError, WrongExpectedVersionError, type CurrentRevision } from '@eventstore/db-client';
import { StoreUnavailableError, type StreamRevision } from '../event-store.port.js';

// The cluster cannot answer now (no leader, node down, network, deadline): the write may be retried.
const UNAVAILABLE_TYPES = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
]);
// Errors the client raises before it reaches any node (gossip discovery, refused connection).
const CONNECTION_FAILURE = /discover|ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|connect|No connection established|UNAVAILABLE/i;

/** The port's error for a client error: StoreUnavailableError when the cluster cannot be reached. */
export function toStoreError(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof StoreUnavailableError) return error;
  if (isCommandError(error) && error.type === ErrorType.ACCESS_DENIED) {
    // A configuration fault, not a bad request: the API answers 503 and says what to fix.
    const denied = new StoreUnavailableError(
      `EventStoreDB refused access (${error.message}): the connection string's user must be in $admins, ` +
        'as the adapter reads $all (docs/operations.md, TLS)',
    );
    (denied as { cause?: unknown }).cause = error;
    return denied;
  }
  const unavailable =
    (isCommandError(error) && UNAVAILABLE_TYPES.has(error.type)) ||
    (!isCommandError(error) && CONNECTION_FAILURE.test(error.message));
  if (!unavailable) return error;
  const translated = new StoreUnavailableError(`EventStoreDB unavailable: ${error.message}`);
  (translated as { cause?: unknown }).cause = error;
  return translated;
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError || (error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND);
}

export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return error instanceof WrongExpectedVersionError || (error instanceof Error && isCommandError(error) && error.type === ErrorType.WRONG_EXPECTED_VERSION);
}

/** The server's "current revision" as the port's actual revision. */
export function toActualRevision(current: CurrentRevision | undefined): StreamRevision | 'no_stream' {
  if (current === undefined || current === 'no_stream') return 'no_stream';
  return Number(current);
}
