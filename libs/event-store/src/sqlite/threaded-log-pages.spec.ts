import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NewEvent, RecordedEvent } from '../event-store.port.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { ThreadedLogPages } from './threaded-log-pages.js';

/**
 * The rebuild's reader must hand over exactly what the store's readAll does (parsed, upcast), with only
 * the metadata fields asked for. Its worker thread runs the compiled script, so the threaded path is
 * driven through dist/ (`npm run build` first, as `npm test` does); from source it reads on this thread.
 */
const DIST_PAGES = join(process.cwd(), 'dist', 'libs', 'event-store', 'src', 'sqlite', 'threaded-log-pages.js');

const workDir = mkdtempSync(join(tmpdir(), 'socai-log-pages-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function newEvent(i: number): NewEvent {
  const eventId = `e-${i}`;
  // Every seventh a BookIssued of schema 0, which the store upcasts on read (reissue: false).
  const old = i % 7 === 0;
  return {
    eventId,
    type: old ? 'BookIssued' : 'Noted',
    data: old ? { bookNo: `B${i}` } : { seq: i, amount: '1250000', note: 'Công ty "A"\n' },
    metadata: {
      eventId, recordedAt: `2025-07-01T08:00:${String(i % 60).padStart(2, '0')}.000Z`, actor: 'import', role: 'admin', source: 'import',
      correlationId: 'corr', causationId: 'cause', commandKey: `cmd-${eventId}`, schemaVersion: old ? 0 : 1,
    },
  };
}

/** A log of `count` events on a few streams, appended one at a time. */
function writeLog(store: SqliteEventStore, from: number, count: number): void {
  for (let i = from; i < from + count; i++) store.appendSync({ streamId: `s-${i % 5}`, expectedRevision: 'any', events: [newEvent(i)] });
}

const onlyRecordedAt = (event: RecordedEvent): RecordedEvent => ({ ...event, metadata: { recordedAt: event.metadata.recordedAt } as RecordedEvent['metadata'] });

/** Reads the whole log page by page, as the projector does, and answers the events and page lengths. */
async function readSequentially(pages: { readAll: ThreadedLogPages['readAll'] }, pageSize: number, from = 1): Promise<{ events: RecordedEvent[]; lengths: number[] }> {
  const events: RecordedEvent[] = [];
  const lengths: number[] = [];
  for (;;) {
    const page = await pages.readAll({ fromPosition: from, limit: pageSize });
    lengths.push(page.length);
    if (page.length === 0) return { events, lengths };
    events.push(...page);
    from = page[page.length - 1]!.position + 1;
  }
}

describe('ThreadedLogPages', () => {
  const file = join(workDir, 'events.sqlite');
  let store: SqliteEventStore;
  beforeAll(() => {
    store = SqliteEventStore.open(file);
    writeLog(store, 1, 1_050);
  });
  afterAll(() => store.closeSync());

  it('reads on this thread from source: the store\'s events, with only the metadata fields asked for', async () => {
    expect(ThreadedLogPages.workerThreadsAvailable()).toBe(false);
    const pages = ThreadedLogPages.open(file, { metadataFields: ['recordedAt'] });
    const { events, lengths } = await readSequentially(pages, 100);
    await pages.close();
    expect(lengths).toEqual([...Array(10).fill(100), 50, 0]);
    expect(events).toEqual(store.readAllSync().map(onlyRecordedAt));
    // Upcast, as readAll gives it.
    expect(events[6]).toMatchObject({ position: 7, type: 'BookIssued', data: { bookNo: 'B7', reissue: false } });
  });

  describe('on a worker thread (compiled dist/)', () => {
    let Dist: typeof ThreadedLogPages;
    beforeAll(async () => {
      if (!existsSync(DIST_PAGES)) throw new Error(`${DIST_PAGES} is missing: run npm run build (npm test does)`);
      Dist = ((await import(DIST_PAGES)) as { ThreadedLogPages: typeof ThreadedLogPages }).ThreadedLogPages;
    });

    it('passes each page through the transform a module gives, and reads past the end it saw as events', async () => {
      const transform = join(workDir, 'positions.mjs');
      writeFileSync(transform, `export function pageTransform() {
        return (events) => ({ count: events.length, last: events.length ? events[events.length - 1].position : 0, positions: events.map((e) => e.position) });
      }`);
      const pages = Dist.open(file, { transform: pathToFileURL(transform).href, ahead: 2 });
      const read: unknown[] = [];
      for (let from = 1; ; ) {
        const page = await pages.readPages<{ count: number; last: number; positions: number[] }>({ fromPosition: from, limit: 400 });
        read.push(page);
        if (Array.isArray(page) || page.count < 400) break;
        from = page.last + 1;
      }
      const tail = await pages.readPages({ fromPosition: 1_051, limit: 400 });
      await pages.close();
      const positions = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
      expect(read).toEqual([
        { count: 400, last: 400, positions: positions(1, 400) },
        { count: 400, last: 800, positions: positions(401, 800) },
        { count: 250, last: 1_050, positions: positions(801, 1_050) },
      ]);
      expect(tail).toEqual([]);
    });

    it('hands over the same pages as the store, trimmed or whole', async () => {
      expect(Dist.workerThreadsAvailable()).toBe(true);
      const trimmed = Dist.open(file, { metadataFields: ['recordedAt'], ahead: 2 });
      const whole = Dist.open(file, { threaded: true });
      const [a, b] = [await readSequentially(trimmed, 100), await readSequentially(whole, 64)];
      await Promise.all([trimmed.close(), whole.close()]);
      expect(a.lengths).toEqual([...Array(10).fill(100), 50, 0]);
      expect(a.events).toEqual(store.readAllSync().map(onlyRecordedAt));
      expect(b.lengths).toEqual([...Array(16).fill(64), 26, 0]);
      expect(b.events).toEqual(store.readAllSync());
    });

    it('starts again where a request jumps, and reads what was appended after the end it saw', async () => {
      const pages = Dist.open(file, { metadataFields: ['recordedAt'] });
      expect((await pages.readAll({ fromPosition: 1, limit: 300 })).map((e) => e.position)).toEqual(range(1, 300));
      // A jump back (another writer's retry) and a different page size each restart the worker.
      expect((await pages.readAll({ fromPosition: 101, limit: 300 })).map((e) => e.position)).toEqual(range(101, 400));
      expect((await pages.readAll({ fromPosition: 401, limit: 1_000 })).map((e) => e.position)).toEqual(range(401, 1_050));
      writeLog(store, 1_051, 30);
      expect((await pages.readAll({ fromPosition: 1_051, limit: 1_000 })).map((e) => e.position)).toEqual(range(1_051, 1_080));
      expect(await pages.readAll({ fromPosition: 1_081, limit: 1_000 })).toEqual([]);
      await pages.close();
    });
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
