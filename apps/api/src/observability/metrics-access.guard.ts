import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { hash, timingSafeEqual } from 'node:crypto';
import { Forbidden, Unauthorized } from '../auth/auth-errors.js';
import { EVERY_AREA, KeyStore, SocaiRuntime } from '#runtime';
import type { SocaiRequest } from '../common/request-context.js';
import { UnauthenticatedLimit } from '../limits/unauthenticated-limit.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * `GET /metrics` opens to `SOCAI_METRICS_TOKEN` (what a Prometheus scraper holds: it reads figures,
 * not the ledger) or to an admin key for every area, as the figures are the whole ledger's; another
 * key is 403, no key or an unknown one 401.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(
    private readonly keys: KeyStore,
    @Inject(SocaiRuntime) private readonly runtime: SocaiRuntime,
    private readonly unauthenticated: UnauthenticatedLimit,
  ) {}

  /** A guess at the metrics token counts against its address like a guess at a key. */
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<SocaiRequest>();
    return this.unauthenticated.authenticate(request, context.switchToHttp().getResponse<Response>(), () => this.check(request));
  }

  private check(request: SocaiRequest): boolean {
    const header = request.headers.authorization;
    if (!header) throw new Unauthorized('a metrics token or an admin key is required: Authorization: Bearer <token>');
    const token = BEARER.exec(header)?.[1];
    if (!token) throw new Unauthorized('the Authorization header must be "Bearer <token>"');
    const metricsToken = this.runtime.config.metricsToken;
    if (metricsToken !== undefined && sameSecret(token, metricsToken)) {
      request.caller = { name: 'metrics-token', role: 'metrics', areas: [] };
      return true;
    }
    const key = this.keys.authenticate(token);
    if (!key) throw new Unauthorized('the token is neither the metrics token nor a known API key');
    request.caller = { keyId: key.id, name: key.name, role: key.role, areas: key.areas };
    if (key.role !== 'admin') throw new Forbidden(`the role ${key.role} may not read the metrics; use the metrics token or an admin key`);
    if (!key.areas.includes(EVERY_AREA)) throw new Forbidden('the metrics are the whole ledger\'s: an admin key for every area is needed');
    return true;
  }
}

/** Compares digests of equal length, so the time taken says nothing about the token. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(hash('sha256', given, 'buffer'), hash('sha256', expected, 'buffer'));
}
