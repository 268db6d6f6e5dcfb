import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { StatementCollector, type StatementParse } from './statement-collector.js';
import { detectDelimiter } from './statement-fields.js';

export type { StatementParse } from './statement-collector.js';

/**
 * A payout agent's statement as CSV (docs/payouts.md):
 * - a header row naming `paymentRef`, `personId` and `amount`, in any order and any case; other
 *   columns are ignored;
 * - UTF-8 with or without a BOM; comma or semicolon separated, whichever the header row uses;
 * - amounts in whole đồng, plain (`1234000`) or with Vietnamese thousands dots (`1.234.000`);
 *   a decimal comma (`1.234,5`) is refused;
 * - fields may be quoted; empty lines are skipped.
 * A malformed line (bad amount, empty or missing field, wrong field count, a paymentRef seen before)
 * refuses the whole file, each reason under `line N`; nothing is recorded.
 */
export function parseStatementCsv(text: string): StatementParse {
  const collector = new StatementCollector();
  const headerLine = text.slice(0, text.search(/\r?\n|$/));
  try {
    parseSync(text, optionsFor(detectDelimiter(headerLine), collector));
  } catch (error) {
    collector.failed(error);
  }
  return collector.finish();
}

/**
 * The same reading over a stream of bytes (a file, a request), holding the parsed lines but never
 * the whole text: the header line is peeked to choose the separator, then the rest flows through
 * csv-parse chunk by chunk.
 */
export async function readStatementCsv(input: AsyncIterable<Buffer | string>): Promise<StatementParse> {
  const chunks = input[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  for (;;) {
    const next = await chunks.next();
    if (next.done) break;
    const chunk = asBuffer(next.value);
    head.push(chunk);
    if (chunk.includes(0x0a)) break;
  }
  const headerLine = Buffer.concat(head).toString('utf8').split(/\r?\n/, 1)[0];
  const collector = new StatementCollector();
  async function* whole(): AsyncGenerator<Buffer> {
    try {
      yield* head;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield asBuffer(next.value);
    } finally {
      // A file refused halfway is closed now rather than whenever the collector lets go of it.
      await chunks.return?.();
    }
  }
  // The collector keeps what it needs from each record, so the parser's output is only drained.
  const drain = new Writable({ objectMode: true, write: (_record, _encoding, done) => done() });
  try {
    await pipeline(Readable.from(whole(), { objectMode: false }), parse(optionsFor(detectDelimiter(headerLine), collector)), drain);
  } catch (error) {
    collector.failed(error);
  }
  return collector.finish();
}

function asBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

function optionsFor(delimiter: string, collector: StatementCollector): Options {
  return {
    bom: true,
    delimiter,
    encoding: 'utf8',
    trim: true,
    skip_empty_lines: true,
    // Field counts are checked line by line by the collector, which words the error.
    relax_column_count: true,
    on_record: (record: string[], context) => collector.take(record, context.lines),
  };
}
