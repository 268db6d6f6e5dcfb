import { Inject, Injectable } from '@nestjs/common';
import { SocaiRuntime } from '../runtime.js';
import { FixedWindows } from './fixed-windows.js';

/**
 * Requests that present no valid key (none, a malformed header, an unknown or revoked key) are
 * counted per client address, `SOCAI_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE` a minute. Once an
 * address has used them, every keyed request from it answers 429 until the minute ends, before its
 * key is looked at: were a right key still let through, a guesser would learn a hit despite the
 * limit. Requests with a valid key never count here; they count by key id (KeyRateLimitGuard).
 */
@Injectable()
export class UnauthenticatedLimit {
  private readonly windows = new FixedWindows();

  constructor(@Inject(SocaiRuntime) private readonly runtime: SocaiRuntime) {}

  get perMinute(): number {
    return this.runtime.config.unauthenticatedRateLimitPerMinute;
  }

  /** Seconds until `address` may try again, or 0 when it may now. */
  waitFor(address: string): number {
    return this.perMinute > 0 ? this.windows.exhausted(address, this.perMinute) : 0;
  }

  /** Counts one request from `address` that had no valid key. */
  countFailure(address: string): void {
    if (this.perMinute > 0) this.windows.hit(address, this.perMinute);
  }
}
