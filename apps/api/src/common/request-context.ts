import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '#ledger';

/**
 * The caller as the auth guard established it. A key is told apart from others by its id, never by
 * its name: the rate limit counts by `keyId` and events name it as their `actor`; the name is a label.
 */
export interface Caller {
  /** The key's id (`key_…`); absent for the metrics token, which is no key. */
  keyId?: string;
  /** The key's name (or `metrics-token`): a label, never what tells callers apart. */
  name: string;
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
  const caller = request.caller ?? { keyId: 'anonymous', name: 'anonymous', role: 'admin', areas: ['*'] };
  const header = request.headers['x-correlation-id'];
  const correlationId = request.correlationId ?? (typeof header === 'string' && /^[\w.:-]{1,100}$/.test(header) ? header : randomUUID());
  return {
    actor: caller.keyId ?? caller.name, actorName: caller.name, role: caller.role, areas: caller.areas, source: 'http', correlationId, causationId: request.requestId ?? correlationId,
  };
}
