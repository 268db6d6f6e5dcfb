import { WrongExpectedRevisionError, type ExpectedRevision, type StreamRevision } from './event-store.port.js';

/**
 * The port's rule for `expectedRevision`, the same for every adapter: `any` passes, `no_stream` wants
 * no stream yet, a number wants the stream's last revision to be exactly it. `actual` is undefined when
 * the stream does not exist.
 */
export function checkExpectedRevision(streamId: string, expected: ExpectedRevision, actual: StreamRevision | undefined): void {
  if (expected === 'any') return;
  if (expected === 'no_stream') {
    if (actual !== undefined) throw new WrongExpectedRevisionError(streamId, expected, actual);
    return;
  }
  if (actual !== expected) throw new WrongExpectedRevisionError(streamId, expected, actual ?? 'no_stream');
}
