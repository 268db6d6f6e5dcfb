import { join } from 'node:path';
import Database from 'better-sqlite3';
import { computeEventHash, GENESIS_HASH, type EventMetadata } from '#event-store';

/** An event as the store keeps it, parsed. */
export interface StoredEvent {
  position: number;
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  data: any;
  metadata: EventMetadata;
}

export interface LedgerAudit {
  events: StoredEvent[];
  byEventId: Map<string, StoredEvent>;
  /** Events by their command key (metadata.commandKey): exactly one each when nothing is doubled. */
  byCommandKey: Map<string, StoredEvent[]>;
  /** Every problem found; empty when the file is sound. */
  problems: string[];
}

/** `PRAGMA integrity_check` of one SQLite file: ['ok'] when sound. */
export function integrityCheck(file: string): string[] {
  const db = new Database(file);
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  } finally {
    db.close();
  }
}

/**
 * Reads the whole event file (with no process writing to it) and checks what "nothing half-recorded"
 * means at the storage level:
 *  - positions run 1..n without a gap;
 *  - in every stream revisions run 0..k, each prevHash is the previous event's hash (zeros first) and
 *    each hash is the SHA-256 of the event's canonical form (`computeEventHash`);
 *  - the `streams` table names each stream's last revision and hash;
 *  - every command key row points at an event that carries that key, and every event's key has a row.
 */
export function auditEventStore(dataDir: string): LedgerAudit {
  const db = new Database(join(dataDir, 'events.sqlite'));
  const problems: string[] = [];
  try {
    const rows = db.prepare('SELECT position, event_id, stream_id, revision, type, data, metadata FROM events ORDER BY position').all() as {
      position: number; event_id: string; stream_id: string; revision: number; type: string; data: string; metadata: string;
    }[];
    const events: StoredEvent[] = rows.map((row) => ({
      position: row.position, eventId: row.event_id, streamId: row.stream_id, revision: row.revision, type: row.type,
      data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) as EventMetadata,
    }));
    const tips = new Map<string, { revision: number; hash: string }>();
    const byEventId = new Map<string, StoredEvent>();
    const byCommandKey = new Map<string, StoredEvent[]>();
    events.forEach((event, index) => {
      if (event.position !== index + 1) problems.push(`position ${event.position} where ${index + 1} was expected`);
      const tip = tips.get(event.streamId);
      const expectedRevision = tip ? tip.revision + 1 : 0;
      if (event.revision !== expectedRevision) problems.push(`${event.streamId}: revision ${event.revision} where ${expectedRevision} was expected`);
      const expectedPrev = tip ? tip.hash : GENESIS_HASH;
      if (event.metadata.prevHash !== expectedPrev) problems.push(`${event.streamId}@${event.revision}: prevHash does not chain`);
      const hash = computeEventHash(event);
      if (event.metadata.hash !== hash) problems.push(`${event.streamId}@${event.revision}: hash does not match the content`);
      tips.set(event.streamId, { revision: event.revision, hash: event.metadata.hash });
      byEventId.set(event.eventId, event);
      const key = event.metadata.commandKey;
      byCommandKey.set(key, [...(byCommandKey.get(key) ?? []), event]);
    });
    const streams = db.prepare('SELECT stream_id, revision, last_hash FROM streams').all() as { stream_id: string; revision: number; last_hash: string }[];
    if (streams.length !== tips.size) problems.push(`streams table has ${streams.length} rows for ${tips.size} streams`);
    for (const stream of streams) {
      const tip = tips.get(stream.stream_id);
      if (!tip || tip.revision !== stream.revision || tip.hash !== stream.last_hash) problems.push(`streams row of ${stream.stream_id} disagrees with its events`);
    }
    const keys = db.prepare('SELECT command_key, event_id, stream_id, revision, position FROM command_keys').all() as {
      command_key: string; event_id: string; stream_id: string; revision: number; position: number;
    }[];
    const keyed = new Set<string>();
    for (const key of keys) {
      keyed.add(key.command_key);
      const event = byEventId.get(key.event_id);
      if (!event) problems.push(`key ${key.command_key} names a missing event ${key.event_id}`);
      else if (event.metadata.commandKey !== key.command_key || event.position !== key.position || event.revision !== key.revision) {
        problems.push(`key ${key.command_key} disagrees with event ${key.event_id}`);
      }
    }
    for (const key of byCommandKey.keys()) if (!keyed.has(key)) problems.push(`events with key ${key} but no key row`);
    return { events, byEventId, byCommandKey, problems };
  } finally {
    db.close();
  }
}

/** Folds the WAL into the main file so that copying `events.sqlite` alone copies every commit. */
export function checkpointWal(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/**
 * `socai verify --json` (hash chains, the running digest and signed checkpoints) over a data dir that
 * no process is writing to: its exit code and its report, parsed (undefined when it printed no JSON).
 */
export async function verifyWithCli(dataDir: string): Promise<{ code: number | null; report: { ok: boolean; eventsChecked: number } | undefined; output: string }> {
  const { runSocai, socaiEnv } = await import('./socai-process.js');
  const { code, output } = await runSocai(['verify', '--json'], socaiEnv(dataDir));
  const line = output.split('\n').find((text) => text.startsWith('{'));
  return { code, report: line ? JSON.parse(line) : undefined, output };
}
