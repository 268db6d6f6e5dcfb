// Issue 23's own bare reference, on the generated NDJSON file itself: each line inserted by bare
// better-sqlite3 (WAL, synchronous=FULL, 1,000 rows a transaction) into a table with an integer
// primary key and UNIQUE (stream_id, revision), then scanned in position order with JSON.parse. A
// line's stream is the party it is about (unit code, person, facility, payment, plan…) and its
// revision that stream's count so far, so the unique index sees keys of the shape socai's streams
// have. Timed: parsing each line for its stream and the insert transactions (the file is read in
// chunks between them, untimed); then the scan. This is the reference the ratios were set
// against ("takes the same lines at ≈ 79k/s and scans them with JSON.parse at ≈ 305k/s");
// scale-reference.mjs's `bare` variant inserts the rows socai stored, larger than the lines.
import { createReadStream, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { argsOf, cpuSecondsSince, ioCounters, peakRssMb, report } from '../lib/measure.mjs';

const args = argsOf();
const batchSize = Number(args.batch ?? 1000);
const file = `${args.dir}/reference-lines.sqlite`;
const fresh = () => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
};
fresh();
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`CREATE TABLE lines (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
  line TEXT NOT NULL, UNIQUE (stream_id, revision));`);
const insert = db.prepare('INSERT INTO lines (position, stream_id, revision, line) VALUES (?, ?, ?, ?)');
const revisions = new Map();
let position = 0;

/** The party a command is about: the first identifying field it carries. */
function streamOf(parsed) {
  const d = parsed.data ?? {};
  const payer = d.payer ?? {};
  return `${parsed.command}:${d.unitCode ?? payer.unitCode ?? d.personId ?? payer.personId ?? d.facilityCode ?? d.paymentRef ?? d.year ?? d.receiptNo ?? ''}`;
}

const insertBatch = db.transaction((lines) => {
  for (const line of lines) {
    const stream = streamOf(JSON.parse(line));
    const revision = revisions.get(stream) ?? 0;
    revisions.set(stream, revision + 1);
    insert.run(++position, stream, revision, line);
  }
});

let insertNs = 0n;
let insertCpu = 0;
let batch = [];
const flush = () => {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  insertBatch.immediate(batch);
  insertNs += process.hrtime.bigint() - started;
  insertCpu += cpuSecondsSince(cpu);
  batch = [];
};
for await (const line of createInterface({ input: createReadStream(args.file), crlfDelay: Infinity })) {
  if (line.length === 0) continue;
  batch.push(line);
  if (batch.length === batchSize) flush();
}
if (batch.length > 0) flush();
const insertSeconds = Number(insertNs) / 1e9;

const scanCpu = process.cpuUsage();
const scanStarted = process.hrtime.bigint();
let scanned = 0;
for (const row of db.prepare('SELECT position, stream_id, revision, line FROM lines ORDER BY position').raw(true).iterate()) {
  if (JSON.parse(row[3])) scanned++;
}
const scanSeconds = Number(process.hrtime.bigint() - scanStarted) / 1e9;
const fileBytes = db.prepare('SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()').get().bytes;
db.close();
fresh();
report('lines-reference', {
  lines: position,
  insertSeconds,
  insertLinesPerSecond: position / insertSeconds,
  insertCpuSeconds: insertCpu,
  scanLines: scanned,
  scanSeconds,
  scanLinesPerSecond: scanned / scanSeconds,
  scanCpuSeconds: cpuSecondsSince(scanCpu),
  fileBytes,
  peakRssMb: peakRssMb(),
  io: ioCounters(),
});
