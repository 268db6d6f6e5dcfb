import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { workerScriptAvailable } from '#event-store';
import type { DerivedSummary } from '../../projection/derived-summary.js';
import { DERIVED_SUMMARIES } from '../../projection/summaries-suspension.js';

const WORKER_SCRIPT = new URL('./summaries-aside.worker.js', import.meta.url);
/**
 * The scratch connection's page cache, in KiB as SQLite counts a negative cache_size: 16 MiB. Its
 * rows are appended in key order, so a small cache writes them as fast; it also bounds the sorts'
 * memory before they spill to temporary files. 64 MiB took as long and cost more of the rebuild's
 * peak RSS (docs/benchmarks.md, 'aside page cache').
 */
const ASIDE_CACHE_SIZE = -16_384;

/**
 * The summaries a SQLite rebuild computes aside, on a second connection and thread, while the main
 * one restores the others and then copies these in: benefit recipients, the largest backfill, and
 * the area flows (a few thousand rows to copy). Aside, they take about as long as the main thread's
 * share (facts' indexes, arrears, headcounts, voluntary and card cover), so the restore ends sooner.
 * Card cover aside as well, or voluntary cover (twice its CPU in place: its sort spills past the
 * scratch connection's cache), made the aside thread the longer one (docs/benchmarks.md, 'summaries
 * aside', 'Rebuild at 1M: larger commits, flows aside').
 */
const ASIDE_NAMES = ['area_flows', 'benefit_recipients'];
export const COMPUTED_ASIDE: readonly DerivedSummary[] = DERIVED_SUMMARIES.filter((s) => ASIDE_NAMES.includes(s.name));

export interface AsideJob {
  /** The read-model file whose facts are read. */
  source: string;
  /** A scratch file of its own that receives the summaries' tables (replaced if it exists). */
  aside: string;
  summaries: readonly string[];
}

/** The checkpoint position of the facts the summaries were computed from. */
export interface AsideResult {
  position: number;
}

/**
 * Computes the summaries' tables into the scratch file from one snapshot of the source's facts, by
 * the summaries' own backfill SQL: the scratch file is the connection's main database and holds
 * tables of the same names and schema, which SQLite resolves before the attached source's, so the
 * inserts land there and the facts are read from the source. Nothing here writes the source.
 */
export function computeAside(job: AsideJob): AsideResult {
  rmSync(job.aside, { force: true });
  const summaries = DERIVED_SUMMARIES.filter((s) => job.summaries.includes(s.name));
  const db = new Database(job.aside);
  try {
    // A scratch file, deleted after the copy and never read after a crash: no journal, no fsync.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma(`cache_size = ${ASIDE_CACHE_SIZE}`);
    // Reading the source's WAL can meet a checkpoint of the main connection's: wait as it does.
    db.pragma('busy_timeout = 5000');
    db.prepare('ATTACH DATABASE ? AS source').run(job.source);
    const tables = summaries.flatMap((s) => s.tables);
    const schema = db
      .prepare(`SELECT sql FROM source.sqlite_master WHERE tbl_name IN (${tables.map(() => '?').join(', ')}) AND type IN ('table', 'index') AND sql IS NOT NULL
        ORDER BY type = 'index', rowid`)
      .pluck()
      .all(...tables) as string[];
    for (const sql of schema) db.exec(sql);
    db.exec('BEGIN');
    // The first read fixes the snapshot every backfill below reads.
    const position = db.prepare('SELECT position FROM source.checkpoint WHERE id = 1').pluck().get() as number;
    for (const sql of summaries.flatMap((s) => s.backfill)) db.exec(sql);
    db.exec('COMMIT');
    return { position };
  } finally {
    db.close();
  }
}

/** Whether the worker script is there to be run: compiled dist/, not the TypeScript under jest. */
function workerThreadAvailable(): boolean {
  return workerScriptAvailable(import.meta.url, WORKER_SCRIPT);
}

/**
 * Runs computeAside on a worker thread, so that it takes the second core while the caller restores
 * the other summaries. Without the compiled worker (specs run from source) it runs here, before
 * returning: the same tables and the same copy, one after the other.
 */
export function computeAsideInBackground(job: AsideJob): Promise<AsideResult> {
  if (!workerThreadAvailable()) return Promise.resolve().then(() => computeAside(job));
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: job });
    let result: AsideResult | undefined;
    worker.once('message', (message: AsideResult) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) => (result ? resolve(result) : reject(new Error(`summaries thread exited with code ${code}`))));
  });
}

/** The statements that copy a computed summary's tables into the main database, the aside file attached as `aside`. */
export function copyFromAsideSql(summary: DerivedSummary): string[] {
  // Same columns in the same order (the tables were created from the source's own schema), so
  // SQLite copies the records as they are, indexes included, without decoding them.
  return summary.tables.map((table) => `INSERT INTO main.${table} SELECT * FROM aside.${table}`);
}
