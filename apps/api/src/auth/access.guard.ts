import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { scopeCovers } from '#domain';
import type { Caller, SocaiRequest } from '../common/request-context.js';
import { UnauthenticatedLimit } from '../limits/unauthenticated-limit.js';
import { EVERY_AREA, KeyStore, SocaiRuntime } from '#runtime';
import { Access } from './access.js';
import { Forbidden, Unauthorized } from './auth-errors.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Reached without a key whatever decorators say: the health check, the dashboard page (which then
 * asks its user for a key) and the OpenAPI document (served outside Nest's router, listed for clarity).
 */
export function isPublicPath(method: string, path: string): boolean {
  return method === 'GET' && (path === '/' || path === '/health' || path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-'));
}

/**
 * The global gate of the contract's "Access" section, in this order:
 * a public route passes; otherwise an address that has sent too many requests without a valid key
 * waits (429, UnauthenticatedLimit), the bearer key must be known and unrevoked (401), the route must
 * have a rule (403, so no route slips through undeclared), the key's role must be allowed (403),
 * and the key's areas must cover the areas the request touches (403). It then records who called
 * in `request.caller`, which commands write into their events' metadata.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: KeyStore,
    @Inject(SocaiRuntime) private readonly runtime: SocaiRuntime,
    private readonly unauthenticated: UnauthenticatedLimit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<SocaiRequest>();
    const rule = this.reflector.get(Access, context.getHandler());
    if (rule?.roles === 'public' || isPublicPath(request.method, request.path)) return true;

    const caller = this.unauthenticated.authenticate(request, context.switchToHttp().getResponse<Response>(), () => this.authenticate(request));
    request.caller = caller;
    if (!rule) throw new Forbidden('this route has no access rule');
    if (caller.role !== 'admin' && !(rule.roles as readonly string[]).includes(caller.role)) {
      throw new Forbidden(`the role ${caller.role} may not call this route`);
    }
    // A key for every area covers whatever the request touches: no need to find out what that is
    // (for a command naming an employer, a read of the employer's stream).
    if (caller.areas.includes(EVERY_AREA)) return true;
    const touched = await rule.area(request, { areas: this.runtime.areas, store: this.runtime.store });
    // Undated: a scope covers a code it reaches on any day (a current province its predecessors' too);
    // the ledger checks each recorded fact's area on the fact's own date.
    const outside = touched.find((code) => !caller.areas.some((scope) => scopeCovers(this.runtime.areas, scope, code)));
    if (outside !== undefined) {
      throw new Forbidden(outside === '*' ? 'this request spans every area; the key is limited to some' : `the key does not cover area ${outside}`);
    }
    return true;
  }

  private authenticate(request: SocaiRequest): Caller {
    const header = request.headers.authorization;
    if (!header) throw new Unauthorized('an API key is required: Authorization: Bearer <key>');
    const token = BEARER.exec(header)?.[1];
    if (!token) throw new Unauthorized('the Authorization header must be "Bearer <key>"');
    const key = this.keys.authenticate(token);
    if (!key) throw new Unauthorized('the API key is unknown or revoked');
    return { keyId: key.id, name: key.name, role: key.role, areas: key.areas };
  }
}
