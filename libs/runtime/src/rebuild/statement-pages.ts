import { ThreadedLogPages } from '#event-store';
import type { RebuildSource } from '#read-models';

const TRANSFORM = new URL('./statement-pages.transform.js', import.meta.url).href;

/**
 * The SQLite log read for a rebuild on a worker thread that also builds the statements
 * (statement-pages.transform.ts), when the compiled worker is there; otherwise (specs run from
 * source) the plain reader, on this thread, and the projector builds them.
 */
export function statementPages(eventsFile: string, needs: { metadataFields: readonly string[] }): RebuildSource {
  if (!ThreadedLogPages.workerThreadsAvailable()) return ThreadedLogPages.open(eventsFile, needs);
  return ThreadedLogPages.open(eventsFile, { ...needs, transform: TRANSFORM });
}
