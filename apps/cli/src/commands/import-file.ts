import { createReadStream } from 'node:fs';
import { NdjsonImport, ndjsonLines, type ImportSummary } from '#ledger';
import type { SocaiRuntime } from '#runtime';

/**
 * Streams an NDJSON file (or standard input for `-`) into the ledger, a batch per transaction; a line
 * longer than SOCAI_MAX_LINE_BYTES is refused by its number without being held in memory.
 */
export async function importFile(runtime: SocaiRuntime, file: string, onProgress?: (summary: ImportSummary) => void): Promise<ImportSummary> {
  const input = file === '-' ? process.stdin : createReadStream(file);
  const lines = ndjsonLines(input, runtime.config.maxLineBytes);
  const { jsonLimits } = runtime.config;
  const importer = new NdjsonImport(runtime.ledger, { actor: process.env.USER ?? 'cli', role: 'admin', source: 'import' }, { onProgress, jsonLimits });
  return importer.run(lines);
}

export function describeSummary(summary: ImportSummary): string {
  return `recorded ${summary.recorded}, duplicates ${summary.duplicates}, refused ${summary.refused}, ${summary.eventsPerSecond} events/s (${summary.events} events in ${summary.seconds.toFixed(1)} s)`;
}
