import type { ReverseEntry } from '../commands.js';
import { refuse } from '../errors.js';
import type { AnyEventType, DomainEvent, EntryReversed } from '../events.js';
import type { StreamFacts } from './stream-facts.js';

/**
 * Facts that cannot be cancelled: a registration founds the stream, a reversal is itself the
 * correction (correct it by recording the fact again), and a reconciliation only reports.
 */
export const NOT_REVERSIBLE: readonly AnyEventType[] = ['EmployerRegistered', 'EntryReversed', 'PayoutsReconciled'];

/**
 * A recorded fact is never edited or deleted: a reversal is a new fact that cancels one earlier
 * fact of the same stream, once (TigerBeetle's correcting transfers; contract ReverseEntry).
 */
export function decideReversal(command: ReverseEntry, facts: StreamFacts): DomainEvent[] {
  const target = facts.get(facts.revisionOf(command.eventId)) ?? refuse('EVENT_NOT_FOUND', `no event ${command.eventId} in this stream`);
  if (NOT_REVERSIBLE.includes(target.type)) refuse('NOT_REVERSIBLE', `${target.type} cannot be reversed`);
  if (target.reversed) refuse('ALREADY_REVERSED', `event ${command.eventId} is already reversed`);
  const data: EntryReversed = {
    eventId: command.eventId,
    reversedType: target.type as EntryReversed['reversedType'],
    reversedPosition: target.position,
    reason: command.reason,
    reversedOn: command.reversedOn,
    areaCode: target.areaCode,
  };
  return [{ type: 'EntryReversed', data }];
}
