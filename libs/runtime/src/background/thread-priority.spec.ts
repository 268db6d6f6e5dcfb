import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** The nice value of a thread, from its /proc stat line (field 19; the name in parentheses may hold spaces). */
function niceOf(statFile: string): number {
  const fields = readFileSync(statFile, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[16]);
}

// A worker thread runs JavaScript only: it loads the compiled module (`npm run build` first, as `npm test` does).
const DIST_MODULE = join(process.cwd(), 'dist', 'libs', 'runtime', 'src', 'background', 'thread-priority.js');

const linux = existsSync('/proc/thread-self');
const title = 'lowerThisThreadPriority';
// Off Linux the nice value of a thread cannot be read: say so, as the EventStoreDB suite does.
const skipped = linux ? undefined : `${title} — SKIPPED: a thread's nice value is read from /proc/thread-self (Linux); ${process.platform} has none`;
if (skipped) console.warn(skipped);

(skipped ? describe.skip : describe)(skipped ?? title, () => {
  it('lowers the calling thread to the nice value asked for, and leaves the other threads of the process as they were', async () => {
    if (!existsSync(DIST_MODULE)) throw new Error(`${DIST_MODULE} is missing: run npm run build (npm test does)`);
    const mainBefore = niceOf(`/proc/self/task/${process.pid}/stat`);
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       const { readFileSync } = require('node:fs');
       import(${JSON.stringify(DIST_MODULE)}).then(({ lowerThisThreadPriority }) => {
         const lowered = lowerThisThreadPriority(10);
         const nice = Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ')[16]);
         parentPort.postMessage({ lowered, nice });
       });`,
      { eval: true },
    );
    const answer = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(answer).toEqual({ lowered: true, nice: 10 });
    expect(niceOf(`/proc/self/task/${process.pid}/stat`)).toBe(mainBefore);
  });
});
