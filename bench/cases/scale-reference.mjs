// The references of the scale steps (issue 23), on the rows a socai store holds after its import of
// a generated file: the same rows inserted by bare better-sqlite3, 1,000 a transaction, WAL,
// synchronous=FULL, into a table of one of these shapes (`--variant`):
//   bare         integer primary key and UNIQUE (stream_id, revision), nothing else (the bare table)
//   event-id     bare + UNIQUE over event_id (socai's ids are SHA-256 digests: random keys)
//   command-keys bare + socai's command_keys table, each batch's keys in the batch's transaction
//   own          socai's own columns and indexes (the project's reference since issue 8)
// and, with `--scan 1`, a full scan in position order with JSON.parse of data and metadata.
// The rows are read from the store in pages between the transactions; only the transactions are timed.
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { argsOf, cpuSecondsSince, ioCounters, peakRssMb, report } from '../lib/measure.mjs';

const args = argsOf();
const variant = args.variant ?? 'bare';
const batchSize = Number(args.batch ?? 1000);

const BARE = `CREATE TABLE events (
  position INTEGER PRIMARY KEY, event_id TEXT NOT NULL, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
  type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream_id, revision));`;
const SCHEMAS = {
  bare: BARE,
  'event-id': `${BARE} CREATE UNIQUE INDEX events_event_id ON events (event_id);`,
  'command-keys': `${BARE} CREATE TABLE command_keys (
    command_key TEXT PRIMARY KEY, content_hash TEXT NOT NULL, event_id TEXT NOT NULL, stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL, position INTEGER NOT NULL) WITHOUT ROWID;`,
  own: `CREATE TABLE events (
    position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
    UNIQUE (stream_id, revision));
    CREATE INDEX events_by_type ON events (type, position);`,
};
if (!SCHEMAS[variant]) throw new Error(`unknown variant ${variant}`);

function fresh(file) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  return file;
}

const source = new Database(args.store, { readonly: true });
const page = source.prepare('SELECT position, event_id, stream_id, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?').raw(true);

// The command keys in position order, copied once (untimed) into a scratch file with an index on position:
// the store keys them by content, so reading them a batch at a time needs that order.
let keysOf = () => [];
let keysFile;
if (variant === 'command-keys') {
  keysFile = fresh(`${args.dir}/reference-keys.sqlite`);
  const keys = new Database(keysFile);
  keys.pragma('journal_mode = OFF');
  keys.pragma('synchronous = OFF');
  keys.exec(`ATTACH DATABASE '${args.store.replaceAll("'", "''")}' AS src;
    CREATE TABLE keys AS SELECT command_key, content_hash, event_id, stream_id, revision, position FROM src.command_keys ORDER BY position;
    CREATE INDEX keys_by_position ON keys (position); DETACH DATABASE src;`);
  const range = keys.prepare('SELECT command_key, content_hash, event_id, stream_id, revision, position FROM keys WHERE position > ? AND position <= ?').raw(true);
  keysOf = (from, to) => range.all(from, to);
}

const file = fresh(`${args.dir}/reference-${variant}.sqlite`);
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(SCHEMAS[variant]);
const insertEvent = variant === 'own'
  ? db.prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)')
  : db.prepare('INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)');
const insertKey = variant === 'command-keys' ? db.prepare('INSERT INTO command_keys VALUES (?, ?, ?, ?, ?, ?)') : undefined;
const insertBatch = db.transaction((rows, keys) => {
  for (const row of rows) insertEvent.run(variant === 'own' ? row.slice(1) : row);
  for (const key of keys) insertKey.run(key);
});

let inserted = 0;
let insertNs = 0n;
let insertCpu = 0;
let keysInserted = 0;
for (let after = 0; ;) {
  const rows = page.all(after, batchSize);
  if (rows.length === 0) break;
  const last = rows[rows.length - 1][0];
  const keys = keysOf(after, last);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  insertBatch.immediate(rows, keys);
  insertNs += process.hrtime.bigint() - started;
  insertCpu += cpuSecondsSince(cpu);
  inserted += rows.length;
  keysInserted += keys.length;
  after = last;
}
source.close();
const insertSeconds = Number(insertNs) / 1e9;
const metrics = {
  variant,
  events: inserted,
  commandKeys: keysInserted,
  insertSeconds,
  insertEventsPerSecond: inserted / insertSeconds,
  insertCpuSeconds: insertCpu,
  fileBytes: 0,
};

if (args.scan === '1') {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  let count = 0;
  for (const row of db.prepare('SELECT position, event_id, stream_id, revision, type, data, metadata FROM events ORDER BY position').raw(true).iterate()) {
    const data = JSON.parse(row[5]);
    const metadata = JSON.parse(row[6]);
    if (data && metadata) count++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  Object.assign(metrics, { scanEvents: count, scanSeconds: seconds, scanEventsPerSecond: count / seconds, scanCpuSeconds: cpuSecondsSince(cpu) });
}
metrics.fileBytes = db.prepare('SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()').get().bytes;
db.close();
fresh(file);
if (keysFile) fresh(keysFile);
report('scale-reference', { ...metrics, peakRssMb: peakRssMb(), io: ioCounters() });
