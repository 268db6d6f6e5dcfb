import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ImportSummary } from '#ledger';

/** How a command sent over HTTP ended: recorded (201), duplicate (200), conflict (409), refused (400/403/422), failed (5xx). */
export type CommandOutcome = 'recorded' | 'duplicate' | 'conflict' | 'refused' | 'failed';

/** What a scrape reads from the ledger at that moment (see ledger-gauges.ts). */
export interface LedgerReading {
  eventStorePosition: number;
  projectorPosition: number;
  projectorLagSeconds: number;
  checkpoint?: { position: number; ageSeconds: number; unsignedAgeSeconds: number };
  walBytes: Record<string, number>;
}

/**
 * The server's Prometheus metrics, in a registry of its own per app (so that two apps in one test
 * process do not share counters): requests, commands and imports counted as they happen, the
 * ledger's positions read at each scrape, and Node's default process and event-loop metrics.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({ name: 'socai_http_requests_total', help: 'HTTP requests answered, by method, declared route and status', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  private readonly latency = new Histogram({
    name: 'socai_http_request_duration_seconds', help: 'Time from receiving a request to sending its answer', labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [this.registry],
  });
  private readonly commands = new Counter({ name: 'socai_commands_total', help: 'Commands sent over HTTP, by command type and outcome', labelNames: ['type', 'outcome'], registers: [this.registry] });
  private readonly importsRunning = new Gauge({ name: 'socai_import_running', help: 'Bulk imports (POST /api/import) in progress', registers: [this.registry] });
  private readonly importLines = new Counter({ name: 'socai_import_lines_read_total', help: 'Lines read by bulk imports, counted as each batch settles', registers: [this.registry] });
  private readonly importCommands = new Counter({ name: 'socai_import_commands_total', help: 'Lines of bulk imports by outcome (recorded, duplicate, refused)', labelNames: ['outcome'], registers: [this.registry] });
  private readonly rebuildsRunning = new Gauge({ name: 'socai_rebuild_running', help: 'Online rebuilds (POST /api/admin/rebuilds) in progress in this process', registers: [this.registry] });
  private readonly rebuildPosition = new Gauge({ name: 'socai_rebuild_position', help: 'Position the online rebuild in progress, or the last one, has applied to its new generation', registers: [this.registry] });
  private readonly rebuilds = new Counter({ name: 'socai_rebuilds_total', help: 'Online rebuilds that ended, by outcome (switched, failed)', labelNames: ['outcome'], registers: [this.registry] });
  private readonly head = new Gauge({ name: 'socai_event_store_position', help: 'Position of the last event in the event store', registers: [this.registry] });
  private readonly projected = new Gauge({ name: 'socai_projector_position', help: 'Position of the last event applied to the read models', registers: [this.registry] });
  private readonly lagEvents = new Gauge({ name: 'socai_projector_lag_events', help: 'Events recorded but not yet in the read models', registers: [this.registry] });
  private readonly lagSeconds = new Gauge({ name: 'socai_projector_lag_seconds', help: 'Age of the oldest event not yet in the read models (0 when caught up)', registers: [this.registry] });
  private readonly checkpointPosition = new Gauge({ name: 'socai_checkpoint_position', help: 'Position covered by the last signed checkpoint (0 before the first)', registers: [this.registry] });
  private readonly checkpointAge = new Gauge({ name: 'socai_checkpoint_age_seconds', help: 'Seconds since the last checkpoint was signed (0 before the first)', registers: [this.registry] });
  private readonly unsignedEvents = new Gauge({ name: 'socai_checkpoint_unsigned_events', help: 'Events after the last signed checkpoint', registers: [this.registry] });
  private readonly unsignedAge = new Gauge({ name: 'socai_checkpoint_unsigned_age_seconds', help: 'Age of the oldest event no signed checkpoint covers (0 when all are covered)', registers: [this.registry] });
  private readonly wal = new Gauge({ name: 'socai_sqlite_wal_bytes', help: "Size of each SQLite file's write-ahead log", labelNames: ['file'], registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  request(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
  }

  command(type: string, outcome: CommandOutcome): void {
    this.commands.inc({ type, outcome });
  }

  /** Follows one import: call the returned function with each progress summary, then with the final one. */
  importStarted(): { progress(summary: ImportSummary): void; finished(summary?: ImportSummary): void } {
    this.importsRunning.inc();
    let seen = { lines: 0, recorded: 0, duplicates: 0, refused: 0 };
    const progress = (summary: ImportSummary) => {
      this.importLines.inc(summary.lines - seen.lines);
      this.importCommands.inc({ outcome: 'recorded' }, summary.recorded - seen.recorded);
      this.importCommands.inc({ outcome: 'duplicate' }, summary.duplicates - seen.duplicates);
      this.importCommands.inc({ outcome: 'refused' }, summary.refused - seen.refused);
      seen = { lines: summary.lines, recorded: summary.recorded, duplicates: summary.duplicates, refused: summary.refused };
    };
    return {
      progress,
      finished: (summary) => {
        if (summary) progress(summary);
        this.importsRunning.dec();
      },
    };
  }

  /** Follows one online rebuild run by this process: its progress (a position in the log), then how it ended. */
  rebuildStarted(): { progress(position: number): void; finished(outcome: 'switched' | 'failed'): void } {
    this.rebuildsRunning.inc();
    this.rebuildPosition.set(0);
    return {
      progress: (position) => this.rebuildPosition.set(position),
      finished: (outcome) => {
        this.rebuildsRunning.dec();
        this.rebuilds.inc({ outcome });
      },
    };
  }

  /** Sets the gauges a scrape reads from the ledger. */
  read(reading: LedgerReading): void {
    this.head.set(reading.eventStorePosition);
    this.projected.set(reading.projectorPosition);
    this.lagEvents.set(Math.max(0, reading.eventStorePosition - reading.projectorPosition));
    this.lagSeconds.set(reading.projectorLagSeconds);
    const checkpoint = reading.checkpoint ?? { position: 0, ageSeconds: 0, unsignedAgeSeconds: 0 };
    this.checkpointPosition.set(checkpoint.position);
    this.checkpointAge.set(checkpoint.ageSeconds);
    this.unsignedEvents.set(Math.max(0, reading.eventStorePosition - checkpoint.position));
    this.unsignedAge.set(checkpoint.unsignedAgeSeconds);
    this.wal.reset();
    for (const [file, bytes] of Object.entries(reading.walBytes)) this.wal.set({ file }, bytes);
  }
}
