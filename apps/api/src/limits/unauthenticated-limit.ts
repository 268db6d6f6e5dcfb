import { HttpException, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SocaiRuntime } from '#runtime';
import { FixedWindows } from './fixed-windows.js';
import { tooManyRequests } from './too-many-requests.js';

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

  /**
   * Runs `authenticate` for a request unless its address must wait (429 with Retry-After); a 401 it
   * throws counts against the address. Any other failure (a store that cannot answer) counts nothing.
   */
  authenticate<T>(request: Request, response: Response, authenticate: () => T): T {
    const address = request.ip ?? 'unknown';
    const wait = this.waitFor(address);
    if (wait > 0) throw tooManyRequests(response, wait, `more than ${this.perMinute} requests a minute without a valid key from this address; retry in ${wait} s`);
    try {
      return authenticate();
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() === 401) this.countFailure(address);
      throw error;
    }
  }

  /** Seconds until `address` may try again, or 0 when it may now. */
  private waitFor(address: string): number {
    return this.perMinute > 0 ? this.windows.exhausted(address, this.perMinute) : 0;
  }

  /** Counts one request from `address` that had no valid key. */
  private countFailure(address: string): void {
    if (this.perMinute > 0) this.windows.hit(address, this.perMinute);
  }
}
