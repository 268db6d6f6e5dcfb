import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the scheduling priority of the calling thread only (on Linux a thread is a task with a nice
 * value of its own, named by its id in /proc/thread-self); threads it starts afterwards inherit it.
 * Answers false where that cannot be done (another system): the thread then runs as before.
 */
export function lowerThisThreadPriority(nice: number): boolean {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return false;
    setPriority(threadId, nice);
    return true;
  } catch {
    return false;
  }
}
