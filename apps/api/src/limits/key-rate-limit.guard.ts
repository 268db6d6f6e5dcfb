import { HttpException, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import type { SocaiRequest } from '../common/request-context.js';
import { SocaiRuntime } from '../runtime.js';

const WINDOW_MS = 60_000;

/**
 * Per-key rate limit over fixed one-minute windows: 429 with Retry-After past the limit. Counted
 * per API key rather than per address, since offices share addresses behind NAT and a key is who
 * is accountable. Registered after the access guard, which puts the caller on the request.
 * (@nestjs/throttler is CommonJS requiring Nest 12's ESM-only packages: Node loads that, but jest
 * on Node 20 cannot, so the HTTP specs could not exercise it; see docs/decisions.md.)
 */
@Injectable()
export class KeyRateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(@Inject(SocaiRuntime) private readonly runtime: SocaiRuntime) {}

  canActivate(context: ExecutionContext): boolean {
    const limit = this.runtime.config.rateLimitPerMinute;
    if (limit <= 0) return true;
    const request = context.switchToHttp().getRequest<SocaiRequest>();
    const tracker = request.caller ? `key:${request.caller.actor}` : `ip:${request.ip ?? 'unknown'}`;
    const now = Date.now();
    let window = this.windows.get(tracker);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      this.forgetExpired(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(tracker, window);
    }
    window.count++;
    if (window.count <= limit) return true;
    const retryAfterSeconds = Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfterSeconds));
    throw new HttpException({ statusCode: 429, code: 'TOO_MANY_REQUESTS', message: `more than ${limit} requests a minute with this key; retry in ${retryAfterSeconds} s` }, 429);
  }

  /** Drops finished windows so the map holds only the trackers of the last minute. */
  private forgetExpired(now: number): void {
    for (const [tracker, window] of this.windows) if (now - window.startedAt >= WINDOW_MS) this.windows.delete(tracker);
  }
}
