import { RELIABILITY_ADMIN_KEY } from './socai-process.js';

export interface Answer {
  status: number;
  body: any;
}

/**
 * One HTTP call with the admin key. A connection that is cut (the server was killed) rejects:
 * the caller counts that command as not acknowledged.
 */
export async function call(url: string, method: string, path: string, body?: unknown, options: { contentType?: string; timeoutMs?: number; key?: string } = {}): Promise<Answer> {
  const isText = typeof body === 'string';
  const response = await fetch(url + path, {
    method,
    headers: {
      authorization: `Bearer ${options.key ?? RELIABILITY_ADMIN_KEY}`,
      ...(body === undefined ? {} : { 'content-type': options.contentType ?? (isText ? 'application/x-ndjson' : 'application/json') }),
    },
    body: body === undefined ? undefined : isText ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // A plain-text answer stays text.
  }
  return { status: response.status, body: parsed };
}

/** Waits until the read models have applied every event the store holds. */
export async function waitForProjection(url: string, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await call(url, 'GET', '/health');
    const { eventStore, readModels } = health.body as { eventStore: { position: number }; readModels: { position: number } };
    if (readModels.position === eventStore.position) return eventStore.position;
    if (Date.now() > deadline) throw new Error(`read models stuck at ${readModels.position} of ${eventStore.position}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
