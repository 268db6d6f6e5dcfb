import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AreaDirectory, lateInterest, streams } from '#domain';
import type { EventDataByType, EventType, FundDues, Headcount, IsoDate, IsoMonth, Money } from '#domain';
import type { ReadAllOptions, RecordedEvent } from '#event-store';

/**
 * An in-memory global log for read-model specs: events get positions 1, 2, 3… in the order they
 * are recorded, as the real store would give them, without depending on the store.
 */
export class EventLog {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();

  record<T extends EventType>(type: T, data: EventDataByType[T], streamId = streamOf(type, data)): RecordedEvent<EventDataByType[T]> {
    const position = this.events.length + 1;
    const eventId = `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`;
    const event: RecordedEvent<EventDataByType[T]> = {
      eventId,
      type,
      streamId,
      revision: this.nextRevision(streamId),
      position,
      data,
      metadata: {
        eventId,
        recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, position)).toISOString(),
        actor: 'spec',
        role: 'clerk',
        source: 'cli',
        correlationId: eventId,
        causationId: eventId,
        commandKey: `${type}:${position}`,
        schemaVersion: 1,
        prevHash: '0'.repeat(64),
        hash: '0'.repeat(64),
      },
    };
    this.events.push(event);
    return event;
  }

  private nextRevision(streamId: string): number {
    const revision = this.revisions.get(streamId) ?? 0;
    this.revisions.set(streamId, revision + 1);
    return revision;
  }

  /** Reverses an earlier event, as the ledger's ReverseEntry would. */
  reverse(target: RecordedEvent, reversedOn: IsoDate, reason = 'sai sót'): RecordedEvent {
    const areaCode = (target.data as { areaCode: string }).areaCode;
    return this.record(
      'EntryReversed',
      { eventId: target.eventId, reversedType: target.type as never, reversedPosition: target.position, reason, reversedOn, areaCode },
      target.streamId,
    );
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromPosition ?? 1;
    return this.events.slice(from - 1, from - 1 + (options.limit ?? this.events.length));
  }
}

function streamOf(type: EventType, data: unknown): string {
  const d = data as Record<string, unknown> & { payer?: { kind: string; unitCode?: string; personId?: string } };
  if (typeof d.unitCode === 'string') return streams.employer(d.unitCode);
  if (d.payer) return d.payer.kind === 'employer' ? streams.employer(d.payer.unitCode!) : streams.person(d.payer.personId!);
  if (typeof d.personId === 'string') return streams.person(d.personId);
  if (typeof d.facilityCode === 'string') return streams.facility(d.facilityCode);
  if (type === 'PlanAssigned') return streams.plan(d.areaCode as string, d.year as number);
  if (type === 'PayoutsReconciled') return streams.payout(d.areaCode as string, d.month as IsoMonth);
  return `test-${type}`;
}

/**
 * Splits a due amount into funds in the 2021 proportions (22 + 3 + 0.5 pension/sickness/accident,
 * 4.5 health, 2 unemployment of 32), the last fund taking the rounding, so `health` is exactly
 * 4.5/32 of `due` when that is whole.
 */
export function fundsOf(due: Money): FundDues {
  const d = BigInt(due);
  const health = (d * 45n) / 320n;
  const unemployment = (d * 20n) / 320n;
  const sickness = (d * 30n) / 320n;
  const accident = (d * 5n) / 320n;
  const pension = d - health - unemployment - sickness - accident;
  return {
    pension: pension.toString(), sickness: sickness.toString(), accident: accident.toString(),
    health: health.toString(), unemployment: unemployment.toString(),
  };
}

export const headcount = (n: number): Headcount => ({ socialInsurance: n, healthInsurance: n, unemploymentInsurance: n });

/** The real GSO tables shipped in reference-data/. */
export function referenceAreas(): AreaDirectory {
  const read = (name: string) => readFileSync(join(process.cwd(), 'reference-data', name), 'utf8');
  return AreaDirectory.fromCsv(read('areas-until-2025-06-30.csv'), read('areas-from-2025-07-01.csv'), read('province-succession-2025-07-01.csv'));
}

export const realLateInterest = (input: Parameters<typeof lateInterest>[0]) => lateInterest(input);
