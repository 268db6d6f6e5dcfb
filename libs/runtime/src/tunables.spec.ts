import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { configFromEnv } from './config.js';
import * as tunables from './tunables.js';
import { CACHED_EVENT_BYTES, IMPORT_HEAP_BASE_MB, PROJECTION_INTERVAL_MS, STATE_CACHE_EVENTS } from './tunables.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('tunables', () => {
  it('imports nothing, so that any lib and the launcher read it without loading the runtime', () => {
    const source = ts.createSourceFile('tunables.ts', readFileSync(join(here, 'tunables.ts'), 'utf8'), ts.ScriptTarget.Latest);
    expect(source.statements.filter((statement) => ts.isImportDeclaration(statement) || (ts.isExportDeclaration(statement) && statement.moduleSpecifier))).toEqual([]);
  });

  it('gives the runtime its defaults', () => {
    const config = configFromEnv({});
    expect(config.stateCacheEvents).toBe(STATE_CACHE_EVENTS);
    expect(config.projectionIntervalMs).toBe(PROJECTION_INTERVAL_MS);
  });

  it("sizes an import's heap (bin/heap-limits.js, on the compiled copy) from the state cache", async () => {
    // bin/ runs the compiled tunables: `npm run build` first, as `npm test` does.
    const { importHeapFlags } = (await import(join(here, '..', '..', '..', 'bin', 'heap-limits.js'))) as { importHeapFlags(env: object): string[] };
    expect(IMPORT_HEAP_BASE_MB + Math.ceil((STATE_CACHE_EVENTS * CACHED_EVENT_BYTES) / 2 ** 20)).toBe(289);
    expect(importHeapFlags({})).toEqual(['--max-old-space-size=289']);
    expect(importHeapFlags({ SOCAI_STATE_CACHE_EVENTS: '250000' })).toEqual(['--max-old-space-size=162']);
    expect(importHeapFlags({ SOCAI_STATE_CACHE_EVENTS: 'many' })).toEqual(['--max-old-space-size=289']);
  });

  it('holds the batch sizes, page sizes and thread counts the libs start from, at the figures they had', () => {
    expect({ ...tunables }).toEqual({
      STATE_CACHE_EVENTS: 1_200_000,
      SNAPSHOT_MIN_EVENTS: 8,
      CACHED_EVENT_BYTES: 140,
      IMPORT_HEAP_BASE_MB: 128,
      IMPORT_SEMI_SPACE_MB: 0,
      STORE_THREAD_YOUNG_GENERATION_MB: 12,
      PROJECTION_INTERVAL_MS: 100,
      BACKGROUND_THREAD_NICE: 10,
      IMPORT_BATCH_COMMANDS: 1_000,
      WARM_UP_MAX_EVENTS: 150_000,
      GROUP_COMMIT_MAX_APPENDS: 512,
      LEDGER_PAYMENTS_PAGE_EVENTS: 5_000,
      PROJECTION_BATCH_EVENTS: 2_000,
      REBUILD_EVENTS_PER_COMMIT: 60_000,
      REBUILD_PAGES_PER_COMMIT: 10,
      SERVING_BATCH_EVENTS: 250,
      VERIFY_MAX_THREADS: 4,
      VERIFY_MIN_EVENTS_FOR_THREADS: 50_000,
      VERIFY_SLICES_PER_THREAD: 2,
      CHECKPOINT_BATCH_EVENTS: 10_000,
    });
  });
});
