import { GENESIS_HASH, computeEventHash } from '../hash-chain.js';
import type { NewEvent } from '../event-store.port.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { sealChain } from './esdb-event-store.js';

function newEvent(eventId: string, data: unknown): NewEvent {
  return {
    eventId,
    type: 'ContributionsAssessed',
    data,
    metadata: {
      eventId,
      recordedAt: '2025-07-01T08:00:00.000Z',
      actor: 'Nguyễn Văn Đức',
      role: 'clerk',
      source: 'import',
      correlationId: 'corr-1',
      causationId: 'corr-1',
      commandKey: `cmd-${eventId}`,
      schemaVersion: 1,
    },
  };
}

describe('the EventStoreDB adapter seals events exactly as the SQLite adapter does', () => {
  it('gives the same hashes and prevHash links for the same appends', async () => {
    const sqlite = SqliteEventStore.open(':memory:');
    try {
      const first = [newEvent('e0', { amount: '4250000', headcount: 12 }), newEvent('e1', { amount: '0', lines: [] })];
      const second = [newEvent('e2', { amount: '1000000000000000000', payer: { unitCode: 'TA0001' } })];
      const a = await sqlite.append({ streamId: 'employer-TA0001', expectedRevision: 'no_stream', events: first });
      const b = await sqlite.append({ streamId: 'employer-TA0001', expectedRevision: 1, events: second });

      const sealedFirst = sealChain('employer-TA0001', 0, GENESIS_HASH, first);
      const sealedSecond = sealChain('employer-TA0001', 2, sealedFirst[1]!.metadata.hash, second);

      expect(sealedFirst.map((event) => event.metadata)).toEqual(a.events.map((event) => event.metadata));
      expect(sealedSecond.map((event) => event.metadata)).toEqual(b.events.map((event) => event.metadata));
      expect(sealedFirst[0]!.metadata.prevHash).toBe(GENESIS_HASH);
      expect(sealedFirst[1]!.metadata.prevHash).toBe(sealedFirst[0]!.metadata.hash);
      expect(sealedSecond[0]!.metadata.prevHash).toBe(sealedFirst[1]!.metadata.hash);
      for (const event of [...sealedFirst, ...sealedSecond]) expect(computeEventHash(event)).toBe(event.metadata.hash);
    } finally {
      sqlite.closeSync();
    }
  });

  it('replaces hashes a caller left in the metadata', () => {
    const event = newEvent('e0', { amount: '1' });
    const tampered = { ...event, metadata: { ...event.metadata, hash: 'f'.repeat(64), prevHash: 'e'.repeat(64) } } as NewEvent;
    const [sealed] = sealChain('s', 0, GENESIS_HASH, [tampered]);
    expect(sealed!.metadata.prevHash).toBe(GENESIS_HASH);
    expect(sealed!.metadata.hash).toBe(sealChain('s', 0, GENESIS_HASH, [event])[0]!.metadata.hash);
  });
});
