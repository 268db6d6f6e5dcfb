import { parentPort, workerData } from 'node:worker_threads';
import { computeAside, type AsideJob } from './summaries-aside.js';

/**
 * A worker thread computing derived summaries into a scratch file during a SQLite rebuild
 * (summaries-aside.ts), on the second core while the main thread restores the others. It posts the
 * checkpoint position of the facts it read and exits; an error exits it with the error.
 * It runs from the compiled dist/ only: a thread cannot load the TypeScript.
 */
parentPort!.postMessage(computeAside(workerData as AsideJob));
