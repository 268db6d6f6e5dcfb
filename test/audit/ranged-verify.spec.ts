import { join } from 'node:path';
import { Checkpointer, CheckpointStore, loadOrCreateSigningKey, openAuditDatabase, type Checkpoint } from '#event-store';
import { inThisThread } from '../../libs/event-store/src/sqlite/audit/range-runners.js';
import { intactByRanges, rangeJobs } from '../../libs/event-store/src/sqlite/audit/ranged-verify.js';
import { appendLog, tempDir, writeLog } from './audit-fixtures.js';

/**
 * The sliced proof of an intact log (verify.spec.ts shows that a broken log gets the one-pass findings):
 * it must actually prove an intact log, whatever the slicing, or `socai verify` would quietly fall
 * back to one pass. A log of 1,000 events with checkpoints at 300, 600 and 900.
 */
describe('verifying an intact log in slices', () => {
  const temp = tempDir('ranged');
  const key = loadOrCreateSigningKey(join(temp.dir, 'signing-key.pem'));
  const file = join(temp.dir, 'events.sqlite');
  let checkpoints: Checkpoint[];
  afterAll(() => temp.remove());

  beforeAll(() => {
    for (const [from, to] of [[0, 300], [300, 600], [600, 900], [900, 1000]] as const) {
      if (from === 0) writeLog(file, to);
      else appendLog(file, from, to);
      if (to === 1000) break;
      const store = CheckpointStore.open(file);
      new Checkpointer(store, key).checkpointNow();
      checkpoints = store.list();
      store.close();
    }
  });

  it('cuts slices at a nearby checkpoint, so that the slice after it starts from its signed digest', () => {
    const edges = (slices: number) => rangeJobs(file, 1000, checkpoints, slices).map((job) => [job.from, job.to, job.startDigest !== undefined]);
    expect(checkpoints.map((checkpoint) => checkpoint.position)).toEqual([300, 600, 900]);
    expect(edges(2)).toEqual([[1, 500, true], [501, 1000, false]]);
    expect(edges(3)).toEqual([[1, 300, true], [301, 667, true], [668, 1000, false]]);
    expect(rangeJobs(file, 1000, checkpoints, 3).map((job) => job.checkpoints.map((checkpoint) => checkpoint.position))).toEqual([[300], [600], [900]]);
  });

  it.each([1, 2, 3, 4, 7, 10])('proves all 1,000 events in %i slices', async (slices) => {
    const db = openAuditDatabase(file);
    try {
      expect(await intactByRanges({ db, file, head: 1000, checkpoints, publicKey: key.publicKey, slices, runRange: inThisThread })).toBe(1000);
    } finally {
      db.close();
    }
  });

  it('proves a log signed nowhere without folding any digest', async () => {
    const db = openAuditDatabase(file);
    try {
      expect(rangeJobs(file, 1000, [], 2).map((job) => job.foldUntil)).toEqual([0, 0]);
      expect(await intactByRanges({ db, file, head: 1000, checkpoints: [], slices: 2, runRange: inThisThread })).toBe(1000);
    } finally {
      db.close();
    }
  });

  it('does not vouch for checkpoints without the public key', async () => {
    const db = openAuditDatabase(file);
    try {
      expect(await intactByRanges({ db, file, head: 1000, checkpoints, slices: 2, runRange: inThisThread })).toBeUndefined();
    } finally {
      db.close();
    }
  });
});
