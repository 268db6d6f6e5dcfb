import { createRequire } from 'node:module';
import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
import type { SocaiConfig } from './config.js';

/** pino-pretty and its streams, loaded only by a process that writes readable lines (a service writes JSON). */
const loadPretty = (): typeof PinoPretty => createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;

/**
 * The one way a socai process makes its logger: the HTTP server, the background worker and the CLI
 * all write the same lines (ISO time, level by name) at `SOCAI_LOG_LEVEL`, as JSON or, on a
 * terminal, pino-pretty's readable lines. To standard output by default, standard error for the
 * CLI's one-shot commands (whose standard output is their result), or a stream specs read back.
 */
export function createLogger(config: Pick<SocaiConfig, 'logLevel' | 'logFormat'>, name: string, destination: DestinationStream | 1 | 2 = 1): Logger {
  const options = {
    name,
    level: config.logLevel,
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    // A key's clear text never reaches a line, even if a later change logs the headers.
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'authorization'], censor: '[redacted]' },
  };
  if (typeof destination === 'object') return pino(options, destination);
  // Written on this thread, in order with the process's other output; a log transport's worker
  // would be one more thread on a machine the server already shares with its projector.
  const stream = destination === 1 ? process.stdout : process.stderr;
  if (config.logFormat === 'pretty') return pino(options, loadPretty()({ colorize: Boolean(stream.isTTY), destination, sync: true }));
  return pino(options, pino.destination({ dest: destination, sync: destination === 2 }));
}
