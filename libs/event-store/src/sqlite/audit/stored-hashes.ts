import { hash as oneShotHash } from 'node:crypto';
import { computeEventHash, jsonString, type HashableEvent } from '../../hash-chain.js';
import type { RawEventRow } from './audit-database.js';

/** An event's hash and prevHash once its hash is confirmed; one object is reused for every row. */
export interface ConfirmedHashes {
  hash: string;
  prevHash: string;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;

/**
 * Confirms a stored event's hash, filling `into` with its hash and prevHash, or answers why it cannot.
 *
 * The fast path hashes the stored canonical texts directly; if they are not byte-canonical (or anything
 * about them is unexpected) it falls back to parsing them, since the hash is defined over the canonical
 * form of the values (docs/audit.md), as an auditor's tool computes it. Either way the hash is recomputed
 * from the stored bytes: the fast path only skips the parse, never the hashing.
 */
export function confirmStoredHashes(row: RawEventRow, into: ConfirmedHashes): string | undefined {
  return confirmFromStoredText(row, into) ? undefined : confirmByParsing(row, into);
}

/**
 * The fast path. Row fields are read by index and the text is built by plain concatenation: this runs
 * once per event of the log, where destructuring, result objects and regular expressions showed in
 * profiles (docs/benchmarks.md, section 5).
 */
function confirmFromStoredText(row: RawEventRow, into: ConfirmedHashes): boolean {
  const metadata = row[6];
  const hashAt = memberAt(metadata, 'hash":"');
  const prevAt = memberAt(metadata, 'prevHash":"');
  if (hashAt < 0 || prevAt < 0) return false;
  const hashStart = hashAt + 8;
  const prevStart = prevAt + 12;
  // Both values must be exactly 64 characters long: the closing quote follows. A value with a
  // backslash cannot match a hex hash, so an escaped quote there cannot pass for the closing one.
  if (metadata.charCodeAt(hashStart + 64) !== QUOTE || metadata.charCodeAt(prevStart + 64) !== QUOTE) return false;
  // Removing `"hash":"…"` and one adjacent comma gives the metadata text the hash covers.
  const withoutHash = metadata.charCodeAt(hashAt - 1) === COMMA
    ? metadata.slice(0, hashAt - 1) + metadata.slice(hashStart + 65)
    : metadata.slice(0, hashAt) + metadata.slice(hashStart + 66);
  const text =
    '{"data":' + row[5] + ',"eventId":' + jsonString(row[1]) + ',"metadata":' + withoutHash + ',"revision":' + row[3] +
    ',"streamId":' + jsonString(row[2]) + ',"type":' + jsonString(row[4]) + '}';
  const computed = oneShotHash('sha256', text, 'hex');
  // The stored characters must be this (lowercase hex) hash. Comparing a slice of them makes this
  // function quicker than startsWith at an offset (docs/benchmarks.md, 'stored-hash comparison'); the
  // computed string is the one kept, since a slice would keep the whole metadata text alive.
  if (metadata.slice(hashStart, hashStart + 64) !== computed) return false;
  into.hash = computed;
  into.prevHash = metadata.slice(prevStart, prevStart + 64);
  return true;
}

function confirmByParsing(row: RawEventRow, into: ConfirmedHashes): string | undefined {
  const [, eventId, streamId, revision, type, data, metadata] = row;
  let parsed: HashableEvent;
  try {
    parsed = { eventId, type, streamId, revision, data: JSON.parse(data), metadata: JSON.parse(metadata) };
  } catch {
    return 'its stored data or metadata is not valid JSON';
  }
  const { hash, prevHash } = parsed.metadata as { hash?: unknown; prevHash?: unknown };
  if (typeof hash !== 'string' || typeof prevHash !== 'string') return 'its metadata lacks hash or prevHash';
  // No event was ever sealed with any other revision, and hashing one would throw: it is a finding.
  if (!Number.isSafeInteger(revision) || revision < 0) return `its revision ${revision} is not a whole number from 0 (edited after it was recorded)`;
  if (computeEventHash(parsed) !== hash) return 'its content does not match its hash (edited after it was recorded)';
  into.hash = hash;
  into.prevHash = prevHash;
  return undefined;
}

/**
 * Index of the top-level member `"name":"` in a canonical metadata text (first member or after a comma),
 * or -1. `tail` is that text without its opening quote: searched for from its first letter, which is
 * rare in metadata, where a search for the quote stops at every one of them (two to four times slower).
 */
function memberAt(metadata: string, tail: string): number {
  let at = metadata.indexOf(tail);
  while (at >= 0 && !(metadata.charCodeAt(at - 1) === QUOTE && (metadata.charCodeAt(at - 2) === COMMA || metadata.charCodeAt(at - 2) === OPEN_BRACE))) {
    at = metadata.indexOf(tail, at + 1);
  }
  return at < 0 ? -1 : at - 1;
}
