import type { Logger } from 'pino';
import { configFromEnv, createLogger } from '#runtime';

/**
 * The log of a one-shot command (import, rebuild): the server's lines, on standard error, since
 * standard output is the command's result. A person at a terminal already reads the result, so
 * its info lines (a summary for a scheduled job's log) appear only when SOCAI_LOG_LEVEL asks.
 */
export function cliLogger(command: string, env: NodeJS.ProcessEnv = process.env): Logger {
  const config = configFromEnv(env);
  const logLevel = env.SOCAI_LOG_LEVEL ? config.logLevel : 'warn';
  return createLogger({ ...config, logLevel }, 'socai', 2).child({ command });
}
