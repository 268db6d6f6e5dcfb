import { parentPort, workerData } from 'node:worker_threads';
import type { RecordedEvent } from '../event-store.port.js';
import { LogPageReader, type LogPagesJob, type TransformedPage } from './log-pages.js';

/**
 * A worker thread reading and parsing the log for a rebuild (threaded-log-pages.ts), so that this
 * runs on the second core while the main thread projects. It posts pages as long as it has credit
 * (`ahead` pages, one more for each page the main thread takes), and stops after a short page: the
 * end of the log as it stood. It runs from the compiled dist/ only: a thread cannot load the TypeScript.
 */
const job = workerData as LogPagesJob;
const port = parentPort!;
const reader = new LogPageReader(job.file, job.metadataFields);
const transform = job.transform
  ? ((await import(job.transform)) as { pageTransform(): (page: RecordedEvent[]) => TransformedPage }).pageTransform()
  : undefined;
let credit = job.ahead;
let from = job.fromPosition;
let ended = false;

function pump(): void {
  while (credit > 0 && !ended) {
    const page = reader.read(from, job.pageSize);
    port.postMessage(transform ? transform(page) : page);
    credit--;
    if (page.length < job.pageSize) ended = true;
    else from = page[page.length - 1]!.position + 1;
  }
  if (ended) {
    reader.close();
    port.close();
  }
}

port.on('message', () => {
  credit++;
  pump();
});
pump();
