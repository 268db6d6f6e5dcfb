import { createHash } from 'node:crypto';
import type { EventMetadata, StreamRevision } from './event-store.port.js';

/**
 * The tamper-evidence chain. Each event's `hash` covers its own content and `prevHash`, the hash of the
 * previous event of the same stream, so editing, removing or reordering any recorded event breaks every
 * hash after it. Global positions are NOT hashed: they are the commit order of one store and may differ
 * when the same streams are copied to another store.
 *
 * CANONICAL JSON (what `canonicalJson` prints):
 *  - objects: `{` + members joined by `,` + `}`, each member `"key":value`; keys sorted by UTF-16 code
 *    unit order (JavaScript's default sort); members whose value is `undefined` are dropped;
 *  - arrays: `[` + elements in order joined by `,` + `]` (an `undefined` element prints `null`);
 *  - strings, numbers, booleans and null exactly as JSON.stringify prints them (no whitespace anywhere,
 *    non-ASCII characters written as themselves, only `"`, `\` and control characters escaped);
 *  - non-finite numbers, bigints, functions and symbols are refused, as they have no JSON form.
 * The hashed bytes are the UTF-8 encoding of that text.
 *
 * EVENT HASH: hex SHA-256 of canonicalJson({ streamId, revision, eventId, type, data, metadata }) where
 * `metadata` is the event's metadata without `hash` (so it includes `prevHash`). The first event of a
 * stream has prevHash = GENESIS_HASH (64 zeros).
 *
 * An auditor can recompute it in Python 3 (events hold strings and integers, whose JSON forms agree
 * between the two languages; Python sorts keys by code point, hence the UTF-16 sort key):
 *
 *     import hashlib, json
 *     def canon(v):
 *         if isinstance(v, dict):
 *             keys = sorted(v, key=lambda k: k.encode('utf-16-be'))
 *             return '{' + ','.join(json.dumps(k, ensure_ascii=False) + ':' + canon(v[k]) for k in keys) + '}'
 *         if isinstance(v, list):
 *             return '[' + ','.join(canon(x) for x in v) + ']'
 *         return json.dumps(v, ensure_ascii=False)
 *     def event_hash(e):  # e as returned by GET /api/streams/{streamId}/events (plus its streamId)
 *         meta = {k: v for k, v in e['metadata'].items() if k != 'hash'}
 *         body = {'streamId': e['streamId'], 'revision': e['revision'], 'eventId': e['eventId'],
 *                 'type': e['type'], 'data': e['data'], 'metadata': meta}
 *         return hashlib.sha256(canon(body).encode('utf-8')).hexdigest()
 */
export const GENESIS_HASH = '0'.repeat(64);

/** Canonical JSON text of a JSON value (see the rules above); throws TypeError for what JSON cannot hold. */
export function canonicalJson(value: unknown): string {
  const text = canonical(value);
  if (text === undefined) throw new TypeError('canonicalJson: undefined has no JSON form');
  return text;
}

function canonical(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'undefined':
      return undefined;
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return canonicalArray(value);
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        return canonical((value as { toJSON(): unknown }).toJSON());
      }
      return canonicalObject(value as Record<string, unknown>);
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
}

function canonicalArray(values: readonly unknown[]): string {
  let text = '[';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) text += ',';
    text += canonical(values[i]) ?? 'null';
  }
  return text + ']';
}

function canonicalObject(object: Record<string, unknown>): string {
  // Array.prototype.sort without a comparator compares strings by UTF-16 code units.
  const keys = Object.keys(object).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const member = canonical(object[key]);
    if (member === undefined) continue;
    if (!first) text += ',';
    text += JSON.stringify(key) + ':' + member;
    first = false;
  }
  return text + '}';
}

/** What the event hash covers; a RecordedEvent fits as is (its `position` and `metadata.hash` are ignored). */
export interface HashableEvent {
  eventId: string;
  type: string;
  streamId: string;
  revision: StreamRevision;
  data: unknown;
  metadata: Omit<EventMetadata, 'hash'> & { hash?: string };
}

/** SHA-256 hex of the event's canonical form, as documented at the top of this file. */
export function computeEventHash(event: HashableEvent): string {
  const { hash: _ignored, ...metadata } = event.metadata;
  return hashCanonicalParts(event.streamId, event.revision, event.eventId, event.type, canonicalJson(event.data), canonicalJson(metadata));
}

/**
 * The same hash from already canonical `data` and `metadata` texts, so the store serialises each once and
 * hashes the very text it stores. The members are written in sorted key order: data, eventId, metadata,
 * revision, streamId, type, which makes the result equal canonicalJson of the whole object.
 */
export function hashCanonicalParts(
  streamId: string,
  revision: StreamRevision,
  eventId: string,
  type: string,
  dataJson: string,
  metadataJson: string,
): string {
  if (!Number.isSafeInteger(revision) || revision < 0) throw new TypeError(`invalid revision ${revision}`);
  const text =
    `{"data":${dataJson},"eventId":${JSON.stringify(eventId)},"metadata":${metadataJson},` +
    `"revision":${revision},"streamId":${JSON.stringify(streamId)},"type":${JSON.stringify(type)}}`;
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
