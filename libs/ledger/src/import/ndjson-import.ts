import type { CommandContext } from '../command-context.js';
import { newCorrelationId } from '../ids.js';
import type { BatchListener, CommandBatch, Ledger } from '../ledger.js';
import { DEFAULT_JSON_SHAPE_LIMITS, jsonShapeError, quoteLooseNumbers, validateCommand, type JsonShapeLimits } from '../validation/index.js';
import { MAX_REPORTED_REFUSALS, type ImportSummary, type RefusedLine } from './import-report.js';
import { OverlongLine } from './ndjson-lines.js';

export interface ImportOptions {
  /** Commands per transaction: one durable commit carries the whole batch. */
  batchSize?: number;
  onProgress?: (summary: ImportSummary) => void;
  /** Bounds on a line's keys and nesting, checked before validation (a line past them is refused). */
  jsonLimits?: JsonShapeLimits;
}

/**
 * Records an NDJSON file of commands (`{"command": ..., "data": {...}}` per line): reads, checks and
 * validates each line, and hands the valid ones in file order to the ledger's command pipeline as a
 * batch (`Ledger.batch`: one transaction per batch, see pipeline/command-batch.ts). Counts what
 * becomes of every line for the summary.
 */
export class NdjsonImport {
  private readonly summary: ImportSummary = {
    recorded: 0, duplicates: 0, refused: 0, refusals: [], lines: 0, events: 0, seconds: 0, eventsPerSecond: 0, lastPosition: 0,
  };
  private readonly started = process.hrtime.bigint();
  private readonly context: CommandContext;
  /** Each line's fate as the pipeline tells it, by line number. */
  private readonly outcomes: BatchListener<number> = {
    recorded: (_line, events, lastPosition) => {
      this.summary.recorded++;
      this.summary.events += events;
      this.summary.lastPosition = Math.max(this.summary.lastPosition, lastPosition);
    },
    duplicate: () => {
      this.summary.duplicates++;
    },
    refused: (line, code, message) => this.refuse({ line, code, message }),
    settled: () => this.options.onProgress?.(this.snapshot()),
  };

  constructor(
    private readonly ledger: Ledger,
    context: Omit<CommandContext, 'source'> & { source?: CommandContext['source'] },
    private readonly options: ImportOptions = {},
  ) {
    this.context = { ...context, source: context.source ?? 'import', correlationId: context.correlationId ?? newCorrelationId() };
  }

  /** `lines` as `ndjsonLines` gives them: a line too long to read is refused by its number. */
  async run(lines: AsyncIterable<string | OverlongLine> | Iterable<string | OverlongLine>): Promise<ImportSummary> {
    await this.ledger.batch(this.context, this.outcomes, { batchSize: this.options.batchSize }, async (batch) => {
      for await (const text of lines) {
        this.summary.lines++;
        if (text instanceof OverlongLine) {
          this.refuse({ line: this.summary.lines, code: 'LINE_TOO_LONG', message: text.describe() });
          continue;
        }
        if (text.trim() === '') continue;
        await this.take(batch, this.summary.lines, text);
      }
    });
    return this.snapshot();
  }

  private async take(batch: CommandBatch<number>, line: number, text: string): Promise<void> {
    // Before parsing and validation: the libraries are quadratic in an object's keys and recurse per level.
    const shape = jsonShapeError(text, this.options.jsonLimits ?? DEFAULT_JSON_SHAPE_LIMITS, 'line');
    if (shape) return this.refuse({ line, code: 'VALIDATION_FAILED', message: `${shape.field}: ${shape.message}`, errors: [shape] });
    let parsed: { command?: unknown; data?: unknown };
    try {
      parsed = JSON.parse(quoteLooseNumbers(text));
    } catch {
      return this.refuse({ line, code: 'INVALID_JSON', message: 'the line is not valid JSON' });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return this.refuse({ line, code: 'VALIDATION_FAILED', message: 'a line must be {"command": ..., "data": {...}}' });
    }
    // A field beside command and data is refused as one inside data is: it would be silently lost.
    if (hasOtherFields(parsed)) {
      const unknown = Object.keys(parsed).filter((field) => field !== 'command' && field !== 'data');
      const errors = unknown.slice(0, 10).map((field) => ({ field, message: 'is not allowed on an import line (only "command" and "data")' }));
      return this.refuse({ line, code: 'VALIDATION_FAILED', message: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors });
    }
    // Not String(): a command of [{"toString": null}] throws from it (a 500 that lost the request).
    const validated = validateCommand(typeof parsed.command === 'string' ? parsed.command : '', parsed.data);
    if (!validated.ok) {
      return this.refuse({ line, code: 'VALIDATION_FAILED', message: validated.errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors: validated.errors });
    }
    await batch.add(line, validated.command);
  }

  private refuse(refusal: RefusedLine): void {
    this.summary.refused++;
    if (this.summary.refusals.length < MAX_REPORTED_REFUSALS) this.summary.refusals.push(refusal);
  }

  private snapshot(): ImportSummary {
    const seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
    return { ...this.summary, seconds, eventsPerSecond: seconds > 0 ? Math.round(this.summary.events / seconds) : 0 };
  }
}

/** Whether a line holds a field besides command and data (checked without a list of its keys per line). */
function hasOtherFields(parsed: object): boolean {
  for (const field in parsed) {
    if (field !== 'command' && field !== 'data' && Object.hasOwn(parsed, field)) return true;
  }
  return false;
}
