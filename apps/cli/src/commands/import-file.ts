import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { NdjsonImport, type ImportSummary } from '#ledger';
import type { SocaiRuntime } from '../../../api/src/runtime.js';

/** Streams an NDJSON file (or standard input for `-`) into the ledger, a batch per transaction. */
export async function importFile(runtime: SocaiRuntime, file: string, onProgress?: (summary: ImportSummary) => void): Promise<ImportSummary> {
  const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const importer = new NdjsonImport(runtime.ledger, { actor: process.env.USER ?? 'cli', role: 'admin', source: 'import' }, { onProgress });
  return importer.run(lines);
}

export function describeSummary(summary: ImportSummary): string {
  return `recorded ${summary.recorded}, duplicates ${summary.duplicates}, refused ${summary.refused}, ${summary.eventsPerSecond} events/s (${summary.events} events in ${summary.seconds.toFixed(1)} s)`;
}
