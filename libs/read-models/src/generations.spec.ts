import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generationStamp, GENERATION_POINTER, removeOrphanGenerations, servingGeneration, switchGeneration } from './generations.js';

describe('read-model generations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'socai-generations-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serves read-models.sqlite until a pointer names another generation', () => {
    expect(servingGeneration(dir)).toBe('read-models.sqlite');
    expect(generationStamp(dir)).toBe('none');
    switchGeneration(dir, 'read-models.g1700000000000.sqlite');
    expect(servingGeneration(dir)).toBe('read-models.g1700000000000.sqlite');
    expect(generationStamp(dir)).not.toBe('none');
    expect(readdirSync(dir).sort()).toEqual([GENERATION_POINTER]);
  });

  it('ignores a pointer that names something other than a generation file', () => {
    writeFileSync(join(dir, GENERATION_POINTER), '../events.sqlite\n');
    expect(servingGeneration(dir)).toBe('read-models.sqlite');
  });

  it('removes every generation but the serving one, with its WAL, shared-memory and aside files', () => {
    const names = [
      'read-models.sqlite', 'read-models.sqlite-wal', 'read-models.sqlite-shm',
      'read-models.g1.sqlite', 'read-models.g1.sqlite-wal', 'read-models.g1.sqlite-summaries-aside',
      'read-models.g2.sqlite', 'read-models.g2.sqlite-shm', 'events.sqlite', 'access.sqlite',
    ];
    for (const name of names) writeFileSync(join(dir, name), '');
    switchGeneration(dir, 'read-models.g2.sqlite');
    expect(removeOrphanGenerations(dir).sort()).toEqual([
      'read-models.g1.sqlite', 'read-models.g1.sqlite-summaries-aside', 'read-models.g1.sqlite-wal',
      'read-models.sqlite', 'read-models.sqlite-shm', 'read-models.sqlite-wal',
    ]);
    expect(readdirSync(dir).sort()).toEqual(['access.sqlite', 'events.sqlite', GENERATION_POINTER, 'read-models.g2.sqlite', 'read-models.g2.sqlite-shm']);
  });
});
