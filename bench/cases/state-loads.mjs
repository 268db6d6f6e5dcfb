// What a decision-state cache miss costs, by kind of stream: the load a large import makes for most of
// its lines once its streams outgrow the cache (docs/benchmarks.md, 'What a miss costs'). Loads random
// streams of each kind of a closed store, each into an empty cache (every load a miss: the snapshot
// and the events after it, or the whole stream), and reports the CPU time a load takes, in rounds that
// alternate the store's fold read (`readStreamAfter`) with the plain `readStream` path, so that both
// are measured under the same load of the machine:
//   node bench/cases/state-loads.mjs --store DIR/events.sqlite [--streams 5000] [--rounds 4]
import Database from 'better-sqlite3';
import { argsOf, report } from '../lib/measure.mjs';
import { SqliteEventStore } from '../../dist/libs/event-store/src/index.js';
import { StreamStates } from '../../dist/libs/ledger/src/index.js';

const args = argsOf();
const perKind = Number(args.streams ?? 5000);
const rounds = Number(args.rounds ?? 4);

/** `count` streams of each kind (the id's prefix), drawn with a fixed seed. */
function sampleByKind(file) {
  const db = new Database(file, { readonly: true });
  try {
    const kinds = new Map();
    for (const [streamId] of db.prepare('SELECT stream_id FROM streams').raw(true).iterate()) {
      const kind = streamId.slice(0, streamId.indexOf('-'));
      if (!kinds.has(kind)) kinds.set(kind, []);
      kinds.get(kind).push(streamId);
    }
    let seed = 0x2545f491;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const [kind, ids] of kinds) {
      for (let i = ids.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [ids[i], ids[j]] = [ids[j], ids[i]];
      }
      kinds.set(kind, ids.slice(0, perKind));
    }
    return kinds;
  } finally {
    db.close();
  }
}

/** The store as a caller that does not know `readStreamAfter` sees it: the states fold `readStream`'s events. */
function withoutFoldRead(store) {
  return new Proxy(store, {
    get(target, key) {
      if (key === 'readStreamAfter') return undefined;
      const value = target[key];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const store = SqliteEventStore.open(args.store, { writerThread: false });
try {
  const kinds = [...sampleByKind(args.store)].filter(([kind]) => kind === 'employer' || kind === 'person');
  const paths = { foldRead: store, readStream: withoutFoldRead(store) };
  const totals = new Map();
  for (let round = 0; round < rounds; round++) {
    for (const [path, reader] of round % 2 === 0 ? Object.entries(paths) : Object.entries(paths).reverse()) {
      for (const [kind, streamIds] of kinds) {
        // Capacity 1: each load evicts the one before, so every load reads the store. A first load, not
        // timed, lists the streams with snapshots (once a process, as an import does).
        const states = new StreamStates(reader, 1, 0);
        await states.load(streamIds[0]);
        let events = 0;
        const cpu = process.cpuUsage();
        for (const streamId of streamIds) events += (await states.load(streamId)).revision + 1;
        const { user, system } = process.cpuUsage(cpu);
        const key = `${kind} ${path}`;
        const total = totals.get(key) ?? { loads: 0, events: 0, micros: 0 };
        total.loads += streamIds.length;
        total.events += events;
        total.micros += user + system;
        totals.set(key, total);
      }
    }
  }
  for (const [key, total] of totals) {
    const [kind, path] = key.split(' ');
    report('state-loads', {
      kind,
      path,
      loads: total.loads,
      eventsPerStream: Math.round((10 * total.events) / total.loads) / 10,
      cpuMicrosPerLoad: Math.round((10 * total.micros) / total.loads) / 10,
    });
  }
} finally {
  await store.close();
}
