import { ThreadedLogPages, type RecordedEvent } from '#event-store';
import { loadAreaDirectory } from '#ledger';
import { pageBuilder, type BuiltPage, type RebuildSource } from '#read-models';

/**
 * The page transform of a rebuild's log reader (LogPagesJob.transform): run by the reader's worker
 * thread, it builds each page's statements there (read-models' pageBuilder) with the area data the
 * runtime gives the projector (loadAreaDirectory's), so the main thread only runs them.
 */
export function pageTransform(): (events: RecordedEvent[]) => BuiltPage {
  return pageBuilder(loadAreaDirectory());
}

/**
 * The SQLite log read for a rebuild on a worker thread that also builds the statements, when the
 * compiled worker is there; otherwise (specs run from source) the plain reader, on this thread.
 */
export function statementPages(eventsFile: string, needs: { metadataFields: readonly string[] }): RebuildSource {
  if (!ThreadedLogPages.workerThreadsAvailable()) return ThreadedLogPages.open(eventsFile, needs);
  return ThreadedLogPages.open(eventsFile, { ...needs, transform: import.meta.url });
}
