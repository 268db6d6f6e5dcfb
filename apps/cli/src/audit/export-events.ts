import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type Database from 'better-sqlite3';
import { CheckpointStore, inReadSnapshot, rawEventRows, type Checkpoint, type RawEventRow } from '#event-store';
import { spreadsheetSafe } from '../csv-cells.js';

export type ExportFormat = 'ndjson' | 'csv';

export interface ExportRange {
  fromPosition?: number;
  toPosition?: number;
}

export const CSV_HEADER = 'kind,position,streamId,revision,eventId,type,recordedAt,data,metadata,digest,signedAt,signature,keyId';

/**
 * Writes the log as stored (not upcast: the hashes cover the stored form) with each signed checkpoint
 * right after the event it seals, from one read snapshot. Rows are read one at a time and written in
 * chunks that wait for the output to drain, so memory stays bounded whatever the size of the log.
 * `data` and `metadata` are copied as their stored JSON text, without parsing.
 */
export async function exportEvents(db: Database.Database, out: Writable, format: ExportFormat, range: ExportRange = {}): Promise<{ events: number; checkpoints: number }> {
  const from = range.fromPosition ?? 1;
  const to = range.toPosition ?? Number.MAX_SAFE_INTEGER;
  return inReadSnapshot(db, async () => {
    const checkpoints = new CheckpointStore(db).list({ fromPosition: from }).filter((checkpoint) => checkpoint.position <= to);
    const eventLine = format === 'ndjson' ? ndjsonEvent : csvEvent;
    const checkpointLine = format === 'ndjson' ? ndjsonCheckpoint : csvCheckpoint;
    let chunk = format === 'csv' ? CSV_HEADER + '\n' : '';
    let events = 0;
    let next = 0;
    for (const row of rawEventRows(db, from, to)) {
      chunk += eventLine(row);
      events++;
      while (next < checkpoints.length && checkpoints[next]!.position <= row[0]) chunk += checkpointLine(checkpoints[next++]!);
      if (chunk.length >= 1 << 16) {
        await write(out, chunk);
        chunk = '';
      }
    }
    // Checkpoints past the last event (a damaged log) are exported too: the verifier must see them.
    while (next < checkpoints.length) chunk += checkpointLine(checkpoints[next++]!);
    if (chunk !== '') await write(out, chunk);
    return { events, checkpoints: checkpoints.length };
  });
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

function ndjsonEvent([position, eventId, streamId, revision, type, data, metadata]: RawEventRow): string {
  return `{"kind":"event","position":${position},"streamId":${JSON.stringify(streamId)},"revision":${revision},"eventId":${JSON.stringify(eventId)},"type":${JSON.stringify(type)},"data":${data},"metadata":${metadata}}\n`;
}

function ndjsonCheckpoint({ position, digest, signedAt, signature, keyId }: Checkpoint): string {
  return JSON.stringify({ kind: 'checkpoint', position, digest, signedAt, signature, keyId }) + '\n';
}

function csvEvent([position, eventId, streamId, revision, type, data, metadata]: RawEventRow): string {
  const recordedAt = /"recordedAt":"([^"\\]*)"/.exec(metadata)?.[1] ?? '';
  return ['event', position, csv(streamId), revision, csv(eventId), csv(type), csv(recordedAt), csv(data), csv(metadata), '', '', '', ''].join(',') + '\n';
}

function csvCheckpoint({ position, digest, signedAt, signature, keyId }: Checkpoint): string {
  return ['checkpoint', position, '', '', '', '', '', '', '', csv(digest), csv(signedAt), csv(signature), csv(keyId)].join(',') + '\n';
}

/**
 * RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled; a field that a
 * spreadsheet would take for a formula gets a leading `'` (csv-cells.ts). Of the fields written
 * here only a base64 signature can begin so (with `+`); the NDJSON export is the one to verify.
 */
function csv(value: string): string {
  const text = spreadsheetSafe(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
