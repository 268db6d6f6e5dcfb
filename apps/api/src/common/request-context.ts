import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '#ledger';

/** The caller as the auth guard established it; anonymous until keys are required. */
export interface Caller {
  /** The key's id (`key_…`), which the request's log line names; absent for the metrics token. */
  keyId?: string;
  actor: string;
  role: string;
  areas: string[];
}

export type SocaiRequest = Request & {
  caller?: Caller;
  /** Set by the request-context middleware (observability/), as is the correlation id. */
  requestId?: string;
  correlationId?: string;
  /** The natural key of the command the request records, for its log line. */
  commandKey?: string;
};

/** Metadata for a command sent over HTTP: who (from the key, never the body), and its correlation. */
export function httpCommandContext(request: SocaiRequest): CommandContext {
  const caller = request.caller ?? { actor: 'anonymous', role: 'admin', areas: ['*'] };
  const header = request.headers['x-correlation-id'];
  const correlationId = request.correlationId ?? (typeof header === 'string' && /^[\w.:-]{1,100}$/.test(header) ? header : randomUUID());
  return { actor: caller.actor, role: caller.role, areas: caller.areas, source: 'http', correlationId, causationId: request.requestId ?? correlationId };
}
