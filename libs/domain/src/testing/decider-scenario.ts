import { AreaDirectory } from '../areas/area-directory.js';
import type { Command } from '../commands.js';
import type { DecideContext } from '../decider.js';
import { DomainError, type DomainErrorCode } from '../errors.js';
import type { DomainEvent } from '../events.js';
import { decideCommand, evolveStream, initialStateFor, type StreamState } from '../ledger-decider.js';

/**
 * A small area table for specs: Bạc Liêu (95) and Quảng Trị (45) with a few districts until
 * 2025-06-30; from 2025-07-01 Cà Mau (96), which absorbed Bạc Liêu, with one commune, and Quảng Trị,
 * which carries itself on (the succession table, third).
 */
export const testAreas = AreaDirectory.fromCsv(
  [
    'code,name,level,parentCode',
    '95,Tỉnh Bạc Liêu,province,',
    '954,Thành phố Bạc Liêu,district,95',
    '956,Huyện Hồng Dân,district,95',
    '45,Tỉnh Quảng Trị,province,',
    '461,Thành phố Đông Hà,district,45',
  ].join('\n'),
  [
    'code,name,level,parentCode',
    '96,Tỉnh Cà Mau,province,',
    '31942,Phường Bạc Liêu,commune,96',
    '45,Tỉnh Quảng Trị,province,',
  ].join('\n'),
  [
    'oldCode,oldName,newCode,newName',
    '95,Tỉnh Bạc Liêu,96,Tỉnh Cà Mau',
    '45,Tỉnh Quảng Trị,45,Tỉnh Quảng Trị',
  ].join('\n'),
);

export const testContext: DecideContext = { areas: testAreas, today: '2021-07-05' };

/** A fact given to a scenario; its eventId defaults to `evt-{revision}`. */
export type GivenFact = DomainEvent & { eventId?: string };

/**
 * Emmett-style specs: `given(streamId, ...facts).when(command).then([...events])` or
 * `.thenRefuses(code)`. Facts get revision = index and position = 100 + index, so a reversal's
 * `reversedPosition` is predictable.
 */
export function given(streamId: string, ...facts: GivenFact[]) {
  const state = stateOf(streamId, facts);
  return {
    state,
    when(command: Command, context: Partial<DecideContext> = {}) {
      const run = () => decideCommand(command, state, { ...testContext, ...context });
      return {
        then(expected: DomainEvent[]): void {
          expect(run()).toStrictEqual(expected);
        },
        thenRefuses(code: DomainErrorCode): void {
          let error: unknown;
          try {
            run();
          } catch (caught) {
            error = caught;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe(code);
        },
      };
    },
  };
}

export function stateOf(streamId: string, facts: GivenFact[]): StreamState {
  return facts.reduce<StreamState>(
    (state, { eventId, ...event }, index) => evolveStream(state, {
      eventId: eventId ?? `evt-${index}`,
      type: event.type,
      data: event.data,
      revision: index,
      position: 100 + index,
    } as Parameters<typeof evolveStream>[1]),
    initialStateFor(streamId),
  );
}
