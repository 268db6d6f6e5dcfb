// The composition root both apps open: the settings of a process, its logger, and the runtime
// (event store, ledger, read models) wired once.
export { configFromEnv, LOG_LEVELS, type LogLevel, type SocaiConfig } from './config.js';
export { createLogger } from './logger.js';
export { SocaiRuntime } from './runtime.js';
