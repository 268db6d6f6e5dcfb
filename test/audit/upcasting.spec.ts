import { join } from 'node:path';
import Database from 'better-sqlite3';
import { computeEventHash, openAuditDatabase, SqliteEventStore, upcastEvent, verifyEventLog, type RecordedEvent } from '#event-store';
import { newEvent, tempDir } from './audit-fixtures.js';

describe('upcasting on read', () => {
  const temp = tempDir('upcast');
  afterAll(() => temp.remove());

  it('reads a schemaVersion 0 BookIssued (before reissues existed) as version 1 with reissue: false, keeping the stored bytes and hash', async () => {
    const file = join(temp.dir, 'events.sqlite');
    const store = SqliteEventStore.open(file);
    const old = { personId: '7912345678', areaCode: '954', issuedOn: '2019-05-02' };
    const appended = store.appendSync({
      streamId: 'person-7912345678', expectedRevision: 'no_stream',
      events: [newEvent('book-v0', 'BookIssued', old, '2019-05-02T03:00:00.000Z', 0), newEvent('book-v1', 'BookIssued', { ...old, issuedOn: '2024-01-02', reissue: true })],
    });
    const [first, second] = await store.readStream('person-7912345678');
    expect(first!.data).toEqual({ personId: '7912345678', areaCode: '954', issuedOn: '2019-05-02', reissue: false });
    expect(first!.metadata.schemaVersion).toBe(1);
    expect(first!.metadata.hash).toBe(appended.events[0]!.metadata.hash);
    expect(second).toEqual(appended.events[1]); // a current event reads back exactly as appended
    expect((await store.readAll()).map((event) => event.data)).toEqual([first!.data, second!.data]);
    expect((await store.findEvent('book-v0'))!.data).toEqual(first!.data);
    store.closeSync();

    // The file still holds version 0 without `reissue`, and the hash covers that stored form.
    const raw = new Database(file, { readonly: true });
    const row = raw.prepare("SELECT data, json_extract(metadata, '$.schemaVersion') AS version FROM events WHERE event_id = 'book-v0'").get() as { data: string; version: number };
    raw.close();
    expect(row).toEqual({ data: '{"areaCode":"954","issuedOn":"2019-05-02","personId":"7912345678"}', version: 0 });
    expect(computeEventHash({ ...appended.events[0]!, data: old })).toBe(first!.metadata.hash);
    expect(computeEventHash(first!)).not.toBe(first!.metadata.hash);
    const db = openAuditDatabase(file);
    expect(await verifyEventLog(db)).toEqual({ ok: true, eventsChecked: 2, checkpointsChecked: 0 });
    db.close();
  });

  it('leaves other types and versions alone, returning the very same object', () => {
    const event = { eventId: 'e', type: 'CardIssued', streamId: 's', revision: 0, position: 1, data: {}, metadata: { schemaVersion: 0 } } as unknown as RecordedEvent;
    expect(upcastEvent(event)).toBe(event);
    const current = { ...event, type: 'BookIssued', metadata: { schemaVersion: 1 } } as unknown as RecordedEvent;
    expect(upcastEvent(current)).toBe(current);
  });
});
