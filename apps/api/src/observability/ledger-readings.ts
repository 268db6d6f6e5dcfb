import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_STORE_FILE, SocaiRuntime } from '#runtime';
import { SqliteLedgerProbe } from './ledger-probe.js';
import type { LedgerReading } from './metrics.js';

const WAL_SUFFIX = '.sqlite-wal';

/** What the metrics and the readiness check read from the ledger: positions, ages, WAL sizes, writability. */
@Injectable()
export class LedgerReadings implements OnModuleDestroy {
  private probe: SqliteLedgerProbe | undefined;

  constructor(@Inject(SocaiRuntime) private readonly runtime: SocaiRuntime) {}

  async positions(): Promise<{ eventStore: number; readModels: number }> {
    const [eventStore, readModels] = await Promise.all([this.runtime.store.headPosition(), this.runtime.readModels.projector.position()]);
    return { eventStore, readModels };
  }

  async read(now = Date.now()): Promise<LedgerReading> {
    const { eventStore, readModels } = await this.positions();
    const checkpoint = this.sqliteProbe()?.latestCheckpoint();
    return {
      eventStorePosition: eventStore,
      projectorPosition: readModels,
      projectorLagSeconds: await this.ageAfter(readModels, eventStore, now),
      checkpoint: this.sqliteProbe() && {
        position: checkpoint?.position ?? 0,
        ageSeconds: checkpoint ? Math.max(0, (now - Date.parse(checkpoint.signedAt)) / 1000) : 0,
        unsignedAgeSeconds: await this.ageAfter(checkpoint?.position ?? 0, eventStore, now),
      },
      walBytes: this.walBytes(),
    };
  }

  /** Whether the event store takes writes; a store on a cluster answers for itself on each write. */
  writable(): { ok: true } | { ok: false; reason: string } {
    if (this.runtime.config.eventStore !== 'sqlite') return { ok: true };
    try {
      const probe = this.sqliteProbe();
      return probe ? probe.writable() : { ok: false, reason: `no event store at ${this.eventsFile()}` };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  }

  onModuleDestroy(): void {
    this.probe?.close();
    this.probe = undefined;
  }

  /** Seconds since the first event after `position` was recorded; 0 when there is none. */
  private async ageAfter(position: number, head: number, now: number): Promise<number> {
    if (position >= head) return 0;
    const [next] = await this.runtime.store.readAll({ fromPosition: position + 1, limit: 1 });
    return next ? Math.max(0, (now - Date.parse(next.metadata.recordedAt)) / 1000) : 0;
  }

  private walBytes(): Record<string, number> {
    const sizes: Record<string, number> = {};
    for (const name of readdirSync(this.runtime.config.dataDir)) {
      if (!name.endsWith(WAL_SUFFIX)) continue;
      try {
        sizes[name.slice(0, -WAL_SUFFIX.length)] = statSync(join(this.runtime.config.dataDir, name)).size;
      } catch {
        // Removed between the listing and the stat (SQLite deletes a WAL when its last connection closes).
      }
    }
    return sizes;
  }

  private sqliteProbe(): SqliteLedgerProbe | undefined {
    if (this.runtime.config.eventStore !== 'sqlite') return undefined;
    if (!this.probe && existsSync(this.eventsFile())) this.probe = SqliteLedgerProbe.open(this.eventsFile());
    return this.probe;
  }

  private eventsFile(): string {
    return join(this.runtime.config.dataDir, EVENT_STORE_FILE);
  }
}
