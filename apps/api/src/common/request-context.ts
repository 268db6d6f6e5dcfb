import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '#ledger';

/** The caller as the auth guard established it; anonymous until keys are required. */
export interface Caller {
  actor: string;
  role: string;
  areas: string[];
}

export type SocaiRequest = Request & { caller?: Caller; requestId?: string };

/** Metadata for a command sent over HTTP: who (from the key, never the body), and its correlation. */
export function httpCommandContext(request: SocaiRequest): CommandContext {
  const caller = request.caller ?? { actor: 'anonymous', role: 'admin', areas: ['*'] };
  const header = request.headers['x-correlation-id'];
  const correlationId = typeof header === 'string' && /^[\w.:-]{1,100}$/.test(header) ? header : randomUUID();
  return { actor: caller.actor, role: caller.role, areas: caller.areas, source: 'http', correlationId, causationId: request.requestId ?? correlationId };
}
