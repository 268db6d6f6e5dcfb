import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import type { SocaiRequest } from '../common/request-context.js';
import { SocaiRuntime } from '#runtime';
import { FixedWindows } from './fixed-windows.js';
import { tooManyRequests } from './too-many-requests.js';

/**
 * Per-key rate limit over fixed one-minute windows: 429 with Retry-After past the limit. Counted
 * per API key id rather than per address, since offices share addresses behind NAT and a key is who
 * is accountable; by id, not by name, since two keys may carry one name (keys created before names
 * were unique) and a name is only a label. Registered after the access guard, which puts the caller
 * on the request; a public route (no key) counts by client address.
 * (@nestjs/throttler is CommonJS requiring Nest 12's ESM-only packages: Node loads that, but jest
 * on Node 20 cannot, so the HTTP specs could not exercise it; see docs/decisions.md.)
 */
@Injectable()
export class KeyRateLimitGuard implements CanActivate {
  private readonly windows = new FixedWindows();

  constructor(@Inject(SocaiRuntime) private readonly runtime: SocaiRuntime) {}

  canActivate(context: ExecutionContext): boolean {
    const limit = this.runtime.config.rateLimitPerMinute;
    if (limit <= 0) return true;
    const request = context.switchToHttp().getRequest<SocaiRequest>();
    const caller = request.caller;
    const tracker = caller ? (caller.keyId ? `key:${caller.keyId}` : `token:${caller.name}`) : `ip:${request.ip ?? 'unknown'}`;
    const wait = this.windows.hit(tracker, limit);
    if (wait === 0) return true;
    throw tooManyRequests(context.switchToHttp().getResponse<Response>(), wait, `more than ${limit} requests a minute with this key; retry in ${wait} s`);
  }
}
