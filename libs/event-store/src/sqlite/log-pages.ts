import Database from 'better-sqlite3';
import { upcastEvent } from '../reading/upcasters.js';
import type { EventMetadata, LogPosition, RecordedEvent } from '../event-store.port.js';

/** Where and how a reader of log pages starts: the worker thread gets this as its `workerData`. */
export interface LogPagesJob {
  file: string;
  fromPosition: LogPosition;
  pageSize: number;
  /**
   * The metadata fields the reader keeps (all when undefined). A rebuild reads one of a dozen: the
   * rest is two thirds of an event's bytes, and copying it to another thread costs more than parsing.
   */
  metadataFields?: readonly string[];
  /** How many pages the worker may read ahead of the ones taken; bounds the memory held in between. */
  ahead: number;
  /**
   * A module (its file URL) whose `pageTransform()` gives a function that the worker passes each page
   * through before posting it, answering a TransformedPage: a rebuild has the statements that apply
   * the events built there, on the second core (libs/runtime/src/rebuild/statement-pages.ts).
   */
  transform?: string;
}

/** What a page transform answers: anything the thread can post, with the page's count of events and the position of its last. */
export interface TransformedPage {
  count: number;
  last: LogPosition;
}

/** The events a page holds, read or transformed (the reader's and the projector's count of a page). */
export function eventsIn(page: readonly unknown[] | TransformedPage): number {
  return Array.isArray(page) ? page.length : (page as TransformedPage).count;
}

const PAGE_SQL = 'SELECT position, event_id, stream_id, revision, type, data, metadata FROM events WHERE position >= ? ORDER BY position LIMIT ?';

type PageRow = [LogPosition, string, string, number, string, string, string];

/**
 * Reads pages of the global log on a read-only connection of its own, as `readAll` hands them
 * (parsed and upcast), with only the metadata fields asked for. Without mmap: the mapped pages of
 * the log would count in the process's resident memory.
 */
export class LogPageReader {
  private readonly db: Database.Database;
  private readonly statement: Database.Statement<[number, number], PageRow>;

  constructor(file: string, private readonly metadataFields?: readonly string[]) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.statement = this.db.prepare<[number, number], PageRow>(PAGE_SQL).raw(true);
  }

  /** Up to `limit` events from `fromPosition` on, in log order. */
  read(fromPosition: LogPosition, limit: number): RecordedEvent[] {
    const rows = this.statement.all(fromPosition, limit);
    const events: RecordedEvent[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [position, eventId, streamId, revision, type, data, metadata] = rows[i]!;
      // Upcast before trimming: the upcasters read metadata.schemaVersion.
      const event = upcastEvent({ eventId, type, streamId, revision, position, data: JSON.parse(data), metadata: JSON.parse(metadata) as EventMetadata });
      if (this.metadataFields) event.metadata = pick(event.metadata, this.metadataFields);
      events[i] = event;
    }
    return events;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function pick(metadata: EventMetadata, fields: readonly string[]): EventMetadata {
  const kept: Record<string, unknown> = {};
  for (const field of fields) if (field in metadata) kept[field] = (metadata as unknown as Record<string, unknown>)[field];
  return kept as unknown as EventMetadata;
}
