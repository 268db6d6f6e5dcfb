import type { RecordedEvent } from '../event-store.port.js';

/**
 * Event schema versions, upcast on read. A recorded event is never rewritten: the store keeps the bytes
 * (and the hash over them) exactly as first recorded, and readers get the shape the current code
 * expects. `metadata.schemaVersion` tells which shape the stored data has; each upcaster turns one
 * version of one event type into the next, and they chain until none applies.
 *
 * Only the read paths of the port (readStream, readStreamAfter, readAll, findEvent) upcast. `socai verify`, the export and
 * the checkpointer read the stored rows, since the hash covers the stored form, not the upcast one.
 */
export interface Upcaster {
  type: string;
  fromVersion: number;
  /** The data of `fromVersion` in the shape of `fromVersion + 1`; must not mutate its input. */
  upcast(data: unknown): unknown;
}

export const UPCASTERS: readonly Upcaster[] = [
  {
    // Version 0 of BookIssued predates reissues: every book it records was a first issue.
    type: 'BookIssued',
    fromVersion: 0,
    upcast: (data) => {
      const book = data as Record<string, unknown>;
      return 'reissue' in book ? book : { ...book, reissue: false };
    },
  },
];

const byTypeAndVersion = new Map(UPCASTERS.map((upcaster) => [`${upcaster.fromVersion}:${upcaster.type}`, upcaster]));

/** The event in the newest shape its type has; the same object when no upcaster applies (the usual case). */
export function upcastEvent<E extends RecordedEvent>(event: E, upcasters: ReadonlyMap<string, Upcaster> = byTypeAndVersion): E {
  const upcast = upcastData(event.type, event.metadata.schemaVersion, event.data, upcasters);
  if (upcast === undefined) return event;
  return { ...event, data: upcast.data, metadata: { ...event.metadata, schemaVersion: upcast.version } };
}

/**
 * Data of `type` recorded in schema `version`, in the newest shape and the version it now has;
 * undefined when no upcaster applies (the usual case). For readers that keep no metadata (a fold's).
 */
export function upcastData(
  type: string, version: number, data: unknown, upcasters: ReadonlyMap<string, Upcaster> = byTypeAndVersion,
): { data: unknown; version: number } | undefined {
  let upcaster = upcasters.get(`${version}:${type}`);
  if (!upcaster) return undefined;
  while (upcaster) {
    data = upcaster.upcast(data);
    version += 1;
    upcaster = upcasters.get(`${version}:${type}`);
  }
  return { data, version };
}
