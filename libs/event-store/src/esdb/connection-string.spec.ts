import { isEsdbConnectionString, redactCredentials, toEsdbConnectionString } from './connection-string.js';

describe('EventStoreDB connection strings', () => {
  it('passes esdb:// and esdb+discover:// through unchanged', () => {
    expect(toEsdbConnectionString('esdb://node1:2113,node2:2113,node3:2113?tls=false')).toBe('esdb://node1:2113,node2:2113,node3:2113?tls=false');
    expect(toEsdbConnectionString('esdb+discover://cluster.local:2113')).toBe('esdb+discover://cluster.local:2113');
  });

  it('translates the kurrentdb:// and kurrent:// schemes, keeping credentials, hosts and settings', () => {
    expect(toEsdbConnectionString('kurrentdb://admin:changeit@node1:2113?tls=false&nodePreference=leader')).toBe(
      'esdb://admin:changeit@node1:2113?tls=false&nodePreference=leader',
    );
    expect(toEsdbConnectionString('kurrentdb+discover://cluster.local:2113')).toBe('esdb+discover://cluster.local:2113');
    expect(toEsdbConnectionString('KurrentDB://localhost:2113?tls=false')).toBe('esdb://localhost:2113?tls=false');
    expect(toEsdbConnectionString('  kurrent://localhost:2113  ')).toBe('esdb://localhost:2113');
  });

  it('tells the event-store setting of the contract apart', () => {
    expect(isEsdbConnectionString('esdb://localhost:2113?tls=false')).toBe(true);
    expect(isEsdbConnectionString('kurrentdb://localhost:2113')).toBe(true);
    expect(isEsdbConnectionString('sqlite')).toBe(false);
    expect(isEsdbConnectionString('postgres://db/socai')).toBe(false);
    expect(() => toEsdbConnectionString('postgres://user:secret@db/socai')).toThrow('not an EventStoreDB/KurrentDB connection string: postgres://user:***@db/socai');
  });

  it('hides the password in messages', () => {
    expect(redactCredentials('esdb://admin:changeit@node1:2113?tls=false')).toBe('esdb://admin:***@node1:2113?tls=false');
    expect(redactCredentials('esdb://node1:2113?tls=false')).toBe('esdb://node1:2113?tls=false');
  });
});
