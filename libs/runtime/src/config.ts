import { resolve } from 'node:path';
import type { JsonShapeLimits } from '#ledger';
import { PROJECTION_INTERVAL_MS, STATE_CACHE_EVENTS } from './tunables.js';

/** Settings of a socai process, from the environment variables of the contract. */
export interface SocaiConfig {
  dataDir: string;
  eventStore: string;
  readModels: string;
  host: string;
  port: number;
  adminKey?: string;
  /** Largest JSON body accepted; the NDJSON import streams and is not bound by it. */
  bodyLimit: string;
  /** How often the projector looks for new events when it has caught up. */
  projectionIntervalMs: number;
  /** Largest NDJSON import body (the import streams, so this bounds time, not memory). */
  importLimitBytes: number;
  /** Requests per minute one API key (or one address on the public routes) may make; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Requests per minute without a valid key (401s) one client address may make to keyed routes; 0 turns the limit off. */
  unauthenticatedRateLimitPerMinute: number;
  /** A request whose answer takes longer gets 503 with Retry-After; the bulk import is exempt. */
  responseTimeoutMs: number;
  /** Events the cached decision states may hold folded together (why the default: tunables.ts). */
  stateCacheEvents: number;
  /** Longest line of an NDJSON import, in bytes: a longer one is refused by number, never held. */
  maxLineBytes: number;
  /** Keys per object, keys and items in all, and nesting of a JSON body or import line (400 beyond). */
  jsonLimits: JsonShapeLimits;
  /** `SOCAI_LOG_LEVEL`: pino's level names (fatal … trace) or silent. */
  logLevel: LogLevel;
  /** `SOCAI_LOG_FORMAT`: one JSON object a line, or pino-pretty's coloured lines (the default on a terminal). */
  logFormat: 'json' | 'pretty';
  /** `SOCAI_METRICS_TOKEN`: a Bearer token that opens `GET /metrics` (an admin key opens it too). */
  metricsToken?: string;
  /** `SOCAI_READY_MAX_LAG`: `/health/ready` answers 503 while the read models are more events behind. */
  readyMaxLag: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): SocaiConfig {
  return {
    dataDir: resolve(env.SOCAI_DATA_DIR ?? './data'),
    eventStore: env.SOCAI_EVENT_STORE ?? 'sqlite',
    readModels: env.SOCAI_READ_MODELS ?? 'sqlite',
    host: env.SOCAI_HOST ?? '127.0.0.1',
    port: Number(env.SOCAI_PORT ?? 3000),
    adminKey: env.SOCAI_ADMIN_KEY || undefined,
    bodyLimit: env.SOCAI_BODY_LIMIT ?? '10mb',
    projectionIntervalMs: Number(env.SOCAI_PROJECTION_INTERVAL_MS ?? PROJECTION_INTERVAL_MS),
    importLimitBytes: Number(env.SOCAI_IMPORT_LIMIT_BYTES ?? 4 * 1024 ** 3),
    rateLimitPerMinute: Number(env.SOCAI_RATE_LIMIT_PER_MINUTE ?? 60_000),
    unauthenticatedRateLimitPerMinute: countOrOff('SOCAI_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE', env.SOCAI_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE, 600),
    responseTimeoutMs: Number(env.SOCAI_RESPONSE_TIMEOUT_MS ?? 30_000),
    stateCacheEvents: wholeNumber('SOCAI_STATE_CACHE_EVENTS', env.SOCAI_STATE_CACHE_EVENTS, STATE_CACHE_EVENTS),
    maxLineBytes: wholeNumber('SOCAI_MAX_LINE_BYTES', env.SOCAI_MAX_LINE_BYTES, 1024 * 1024),
    jsonLimits: {
      maxKeys: wholeNumber('SOCAI_MAX_JSON_KEYS', env.SOCAI_MAX_JSON_KEYS, 1_000),
      maxValues: wholeNumber('SOCAI_MAX_JSON_VALUES', env.SOCAI_MAX_JSON_VALUES, 100_000),
      maxDepth: wholeNumber('SOCAI_MAX_JSON_DEPTH', env.SOCAI_MAX_JSON_DEPTH, 32),
    },
    logLevel: oneOf('SOCAI_LOG_LEVEL', env.SOCAI_LOG_LEVEL, LOG_LEVELS, 'info'),
    // Pretty for a person at a terminal, JSON for whatever collects the logs of a service.
    logFormat: oneOf('SOCAI_LOG_FORMAT', env.SOCAI_LOG_FORMAT, ['json', 'pretty'] as const, process.stdout.isTTY ? 'pretty' : 'json'),
    metricsToken: env.SOCAI_METRICS_TOKEN || undefined,
    readyMaxLag: count('SOCAI_READY_MAX_LAG', env.SOCAI_READY_MAX_LAG, 1_000),
  };
}

/** One of `choices` from the environment, or a start-up error that names the variable and the choices. */
function oneOf<const T extends string>(name: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined || value.trim() === '') return fallback;
  const chosen = choices.find((choice) => choice === value.trim().toLowerCase());
  if (chosen === undefined) throw new Error(`${name}=${value}: expected one of ${choices.join(', ')}`);
  return chosen;
}

/** A positive whole number from the environment, or a start-up error that names the variable. */
function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^[1-9][0-9]*$/.test(value.trim())) throw new Error(`${name}=${value}: expected a whole number greater than 0`);
  return Number(value.trim());
}

/** A whole number from the environment, 0 included (a limit turned off), or a start-up error naming the variable. */
function countOrOff(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^(0|[1-9][0-9]*)$/.test(value.trim())) throw new Error(`${name}=${value}: expected a whole number (0 turns the limit off)`);
  return Number(value.trim());
}

/** A whole number from 0 (0: no lag at all is tolerated), or a start-up error that names the variable. */
function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^(0|[1-9][0-9]*)$/.test(value.trim())) throw new Error(`${name}=${value}: expected a whole number from 0`);
  return Number(value.trim());
}
