import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '#ledger';

/**
 * The caller as the auth guard established it. A key is told apart from others by its id, never by
 * its name: the rate limit counts by `keyId` and events name it as their `actor`; the name is a label.
 */
export interface Caller {
  keyId: string;
  name: string;
  role: string;
  areas: string[];
}

export type SocaiRequest = Request & { caller?: Caller; requestId?: string };

/** Metadata for a command sent over HTTP: who (from the key, never the body), and its correlation. */
export function httpCommandContext(request: SocaiRequest): CommandContext {
  const caller = request.caller ?? { keyId: 'anonymous', name: 'anonymous', role: 'admin', areas: ['*'] };
  const header = request.headers['x-correlation-id'];
  const correlationId = typeof header === 'string' && /^[\w.:-]{1,100}$/.test(header) ? header : randomUUID();
  return {
    actor: caller.keyId, actorName: caller.name, role: caller.role, areas: caller.areas, source: 'http', correlationId, causationId: request.requestId ?? correlationId,
  };
}
