// What a cached decision state weighs in the heap, by kind of stream: the figure an import's heap is
// sized with (CACHED_EVENT_BYTES a weighed event, libs/runtime/src/tunables.ts). Loads the longest
// streams of each kind of a closed store into a state cache that evicts nothing, and measures the
// heap after a full collection before and after. Run with --expose-gc:
//   node --expose-gc bench/cases/state-weight.mjs --store DIR/events.sqlite [--streams 2000] [--order shortest]
// `--order shortest` takes the shortest streams of each kind instead: what a stream's own objects weigh
// (STREAM_OVERHEAD_EVENTS, libs/ledger/src/stream-states.ts).
import Database from 'better-sqlite3';
import { argsOf, report } from '../lib/measure.mjs';
import { SqliteEventStore } from '../../dist/libs/event-store/src/index.js';
import { StreamStates } from '../../dist/libs/ledger/src/index.js';

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const args = argsOf();
const perKind = Number(args.streams ?? 2000);

/** The streams of each kind (the id's prefix), longest first (the states a full import's cache holds last), or shortest. */
function streamsByKind(file) {
  const db = new Database(file, { readonly: true });
  try {
    const kinds = new Map();
    for (const [streamId, revision] of db.prepare(`SELECT stream_id, revision FROM streams ORDER BY revision ${args.order === 'shortest' ? 'ASC' : 'DESC'}`).raw(true).iterate()) {
      const kind = streamId.slice(0, streamId.indexOf('-'));
      if (!kinds.has(kind)) kinds.set(kind, []);
      const ids = kinds.get(kind);
      if (ids.length < perKind) ids.push([streamId, revision + 1]);
    }
    return kinds;
  } finally {
    db.close();
  }
}

function heapAfterCollection() {
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heapUsed, arrayBuffers };
}

const store = SqliteEventStore.open(args.store, { writerThread: false });
try {
  for (const [kind, streams] of streamsByKind(args.store)) {
    const states = new StreamStates(store, Number.MAX_SAFE_INTEGER);
    const before = heapAfterCollection();
    for (const [streamId] of streams) await states.load(streamId);
    const after = heapAfterCollection();
    const events = streams.reduce((sum, [, count]) => sum + count, 0);
    // Typed arrays past 64 bytes keep their data outside the heap (a long stream's fact slots): counted
    // apart, since the reads' own buffers move that figure too.
    const bytes = after.heapUsed - before.heapUsed;
    report('state-weight', {
      kind,
      streams: streams.length,
      events,
      weighedEvents: states.held,
      heapBytes: bytes,
      arrayBufferBytes: after.arrayBuffers - before.arrayBuffers,
      bytesPerState: Math.round(bytes / streams.length),
      bytesPerEvent: Math.round(bytes / events),
      bytesPerWeighedEvent: Math.round(bytes / states.held),
    });
    states.clear();
  }
} finally {
  store.close?.();
}
