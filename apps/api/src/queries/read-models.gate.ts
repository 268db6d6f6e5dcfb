import { Inject, Injectable } from '@nestjs/common';
import { NotCaughtUp } from '../common/http-errors.js';
import { SocaiRuntime } from '#runtime';
import { QueryParams } from './query-params.js';

export const MIN_POSITION_WAIT_MS = 5_000;

/**
 * Lets a client read its own writes: a query with `minPosition` waits up to 5 s for the read
 * models to reach that position of the log, then answers 503 with Retry-After.
 */
@Injectable()
export class ReadModelsGate {
  constructor(@Inject(SocaiRuntime) private readonly runtime: SocaiRuntime) {}

  async reach(query: Record<string, unknown>): Promise<void> {
    const params = new QueryParams(query);
    const minPosition = params.integer('minPosition', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
    params.check();
    if (minPosition === 0) return;
    const projector = this.runtime.readModels.projector;
    if (await projector.waitFor(minPosition, MIN_POSITION_WAIT_MS)) return;
    throw new NotCaughtUp(1, await projector.position(), minPosition);
  }
}
