import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Generations of the embedded read models. `read-models.current` names the SQLite file that serves;
 * without it, `read-models.sqlite` serves (every data dir before online rebuilds). An online rebuild
 * fills a new file beside it and then replaces the pointer with rename(2), which is atomic: a crash
 * before the rename leaves the old generation serving and the new file an orphan, one after it leaves
 * the new one serving and the old file an orphan; `removeOrphanGenerations` clears either.
 */
export const GENERATION_POINTER = 'read-models.current';
const DEFAULT_GENERATION = 'read-models.sqlite';
const GENERATION_FILE = /^read-models(\.g\d+)?\.sqlite$/;

/** The file name of the serving generation. */
export function servingGeneration(dataDir: string): string {
  try {
    const name = readFileSync(join(dataDir, GENERATION_POINTER), 'utf8').trim();
    if (GENERATION_FILE.test(name)) return name;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return DEFAULT_GENERATION;
}

/** A cheap token that changes when the pointer is replaced (its inode and change time), for processes that follow it. */
export function generationStamp(dataDir: string): string {
  try {
    const stat = statSync(join(dataDir, GENERATION_POINTER));
    return `${stat.ino}:${stat.ctimeMs}`;
  } catch {
    return 'none';
  }
}

export function newGenerationName(now = Date.now()): string {
  return `read-models.g${now}.sqlite`;
}

/** Makes `name` the serving generation: the pointer is written aside, synced, then renamed over the old one. */
export function switchGeneration(dataDir: string, name: string): void {
  const partial = join(dataDir, `${GENERATION_POINTER}.partial`);
  const fd = openSync(partial, 'w');
  try {
    writeSync(fd, `${name}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, join(dataDir, GENERATION_POINTER));
  const dir = openSync(dataDir, 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** Removes every generation file (and its -wal, -shm and summaries-aside files) but the serving one and `keep`. */
export function removeOrphanGenerations(dataDir: string, keep: string[] = []): string[] {
  const serving = servingGeneration(dataDir);
  const removed: string[] = [];
  if (!existsSync(dataDir)) return removed;
  for (const name of readdirSync(dataDir)) {
    const base = name.replace(/(\.sqlite)-.*$/, '$1');
    if (!GENERATION_FILE.test(base) || base === serving || keep.includes(base)) continue;
    rmSync(join(dataDir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
