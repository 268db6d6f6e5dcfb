import { hash as digest } from 'node:crypto';
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
  // A plain object whose keys are already in canonical order at every level prints, by JSON.stringify,
  // exactly the canonical text, in one flat string; a command from the validation's fast path is one.
  if (typeof value === 'object' && value !== null && inCanonicalOrder(value)) return JSON.stringify(value);
  const text = canonical(value);
  if (text === undefined) throw new TypeError('canonicalJson: undefined has no JSON form');
  return text;
}

function canonical(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return jsonString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      // For a finite number JSON.stringify prints exactly String's text (-0 as "0" in both).
      return String(value);
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

/**
 * Whether JSON.stringify prints `value` as `canonical` does: plain objects and arrays only (no toJSON,
 * no class instances or boxed primitives), own keys in strictly ascending UTF-16 order (JSON.stringify
 * and for-in both follow the own keys' order), finite numbers. Anything else answers false, and the
 * general path prints it (or refuses it) as before.
 */
function inCanonicalOrder(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      const prototype = Object.getPrototypeOf(value);
      if (Array.isArray(value)) {
        if (prototype !== Array.prototype || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
        for (let i = 0; i < value.length; i++) if (!inCanonicalOrder(value[i])) return false;
        return true;
      }
      if ((prototype !== Object.prototype && prototype !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
      let previous: string | undefined;
      for (const key in value) {
        if (!Object.hasOwn(value, key) || (previous !== undefined && !(previous < key))) return false;
        if (!inCanonicalOrder((value as Record<string, unknown>)[key])) return false;
        previous = key;
      }
      return true;
    }
    default:
      return false;
  }
}

function canonicalArray(values: readonly unknown[]): string {
  let text = '[';
  for (let i = 0; i < values.length; i++) text += (i === 0 ? '' : ',') + (canonical(values[i]) ?? 'null');
  return text + ']';
}

/**
 * `{` + the defined members in sorted key order + `}`, written straight into one string: arrays of
 * keys and members, joined afterwards, were two more allocations per object of every command and
 * event an import hashes.
 */
function canonicalObject(object: Record<string, unknown>): string {
  const keys = sortedKeys(object);
  let text = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const member = canonical(object[key]);
    if (member === undefined) continue;
    text += (text.length === 1 ? '' : ',') + quoteKey(key) + ':' + member;
  }
  return text + '}';
}

/**
 * An object's own enumerable keys in UTF-16 code unit order (Array.prototype.sort's default, which is
 * also what `<` compares). Objects built in sorted order (most of a command's) are only checked; a
 * small object nearly in order (an event's metadata with the store's `prevHash` added last) is put in
 * order in place, without the work array and comparisons of a general sort.
 */
function sortedKeys(object: Record<string, unknown>): string[] {
  const keys = Object.keys(object);
  if (keys.length > SMALL_OBJECT_KEYS) return keys.sort();
  // Insertion sort: keys are distinct, so the order is the same as sort()'s.
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let at = i;
    while (at > 0 && keys[at - 1]! > key) {
      keys[at] = keys[at - 1]!;
      at--;
    }
    keys[at] = key;
  }
  return keys;
}

const SMALL_OBJECT_KEYS = 24;

// Strings without quotes, backslashes, control characters or surrogates print as themselves between
// quotes; the others go through JSON.stringify. Both give JSON.stringify's text; the shortcut is faster.
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify's text for a string: also what the verifier uses to rebuild the hashed text. */
export function jsonString(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : '"' + text + '"';
}

// Events repeat the same few dozen keys millions of times; quoting each once saves time in bulk imports.
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_MAX = 10_000;

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = jsonString(key);
    if (quotedKeys.size < QUOTED_KEYS_MAX) quotedKeys.set(key, quoted);
  }
  return quoted;
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
  return sealEvent({ ...event, metadata }).hash;
}

/** An event sealed by the store: its hash and the canonical texts it stores. */
export interface SealedEvent {
  hash: string;
  /** canonicalJson(data): exactly the text the hash covers. */
  dataJson: string;
  /** canonicalJson of the metadata with `hash` added. */
  metadataJson: string;
}

/**
 * Hashes an event whose metadata already holds `prevHash` and returns, with the hash, the canonical
 * texts to store. Each part is serialised once: the metadata members are reused to insert `hash` at its
 * sorted place, which is what lets a bulk append stay fast.
 */
export function sealEvent(event: Omit<HashableEvent, 'metadata'> & { metadata: Omit<EventMetadata, 'hash'> }): SealedEvent {
  const { streamId, revision, eventId, type } = event;
  if (!Number.isSafeInteger(revision) || revision < 0) throw new TypeError(`invalid revision ${revision}`);
  const metadata = event.metadata as unknown as Record<string, unknown>;
  if (metadata.hash !== undefined) throw new TypeError('sealEvent: metadata already holds a hash');
  const dataJson = canonicalJson(event.data);
  // The metadata's members in sorted order, as two texts: those that sort before `hash` and those
  // after, so that `hash` is put at its sorted place without arrays of members to splice and join.
  const keys = sortedKeys(metadata);
  let before = '';
  let after = '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const member = canonical(metadata[key]);
    if (member === undefined) continue;
    if (key < 'hash') before += (before === '' ? '' : ',') + quoteKey(key) + ':' + member;
    else after += (after === '' ? '' : ',') + quoteKey(key) + ':' + member;
  }
  const members = before === '' ? after : after === '' ? before : before + ',' + after;
  // The members are written in sorted key order (data, eventId, metadata, revision, streamId, type), so
  // this text equals canonicalJson of the whole object.
  const text =
    '{"data":' + dataJson + ',"eventId":' + jsonString(eventId) + ',"metadata":{' + members + '},"revision":' +
    revision + ',"streamId":' + jsonString(streamId) + ',"type":' + jsonString(type) + '}';
  // One-shot hashing (strings are hashed as UTF-8) is quicker than createHash for small inputs
  // (docs/benchmarks.md, 'one-shot hashing').
  const hash = digest('sha256', text, 'hex');
  const hashMember = '"hash":"' + hash + '"';
  const metadataJson = '{' + (before === '' ? '' : before + ',') + hashMember + (after === '' ? '' : ',' + after) + '}';
  return { hash, dataJson, metadataJson };
}
