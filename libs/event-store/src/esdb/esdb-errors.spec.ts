import { AccessDeniedError, StreamDeletedError, UnavailableError } from '@eventstore/db-client';
import { StoreUnavailableError } from '../event-store.port.js';
import { toStoreError } from './esdb-errors.js';

describe('client errors as the port’s errors', () => {
  it('answers AccessDenied (a user outside $admins reading $all) as unavailable, naming the fix', () => {
    const translated = toStoreError(new AccessDeniedError(undefined, 'Access denied'));
    expect(translated).toBeInstanceOf(StoreUnavailableError);
    expect((translated as Error).message).toBe(
      "EventStoreDB refused access (Access denied): the connection string's user must be in $admins, as the adapter reads $all (docs/operations.md, TLS)",
    );
  });

  it('answers an unavailable cluster as unavailable and leaves any other error as it is', () => {
    expect((toStoreError(new UnavailableError(undefined, 'no leader')) as Error).message).toBe('EventStoreDB unavailable: no leader');
    const deleted = new StreamDeletedError(undefined, 'stream deleted');
    expect(toStoreError(deleted)).toBe(deleted);
  });
});
