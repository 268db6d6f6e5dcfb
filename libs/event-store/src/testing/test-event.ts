import type { EventContext, NewEvent } from '../event-store.port.js';

/**
 * A NewEvent for the store's specs: a `Noted` event whose data names it, recorded by a clerk from the
 * CLI, each part replaceable. The store never reads inside `data`, so any shape will do.
 */
export function testEvent(
  eventId: string,
  options: { data?: unknown; type?: string; context?: Partial<EventContext> } = {},
): NewEvent {
  return {
    eventId,
    type: options.type ?? 'Noted',
    data: options.data ?? { eventId },
    metadata: {
      eventId,
      recordedAt: '2025-07-01T08:00:00.000Z',
      actor: 'key-test',
      role: 'clerk',
      source: 'cli',
      correlationId: 'corr',
      causationId: 'cause',
      commandKey: `cmd-${eventId}`,
      ...options.context,
      schemaVersion: 1,
    },
  };
}
