// The composition root both apps open: the settings of a process, its logger, and the runtime
// (event store, ledger, read models) wired once; beside it what the server and the CLI both use:
// the background thread, the audit side, the API key store, the online rebuild, the API's entry.
export { configFromEnv, type LogLevel, type SocaiConfig } from './config.js';
export { createLogger } from './logger.js';
export { SocaiRuntime, type RuntimeOptions } from './runtime.js';
export { startBackground, type Background } from './background/background.js';
export { auditConfig, EVENT_STORE_FILE, type AuditConfig } from './audit/audit-config.js';
export { checkpointsPage, verifyLedger } from './audit/audit-verification.js';
export { startCheckpointing, type Checkpointing } from './audit/checkpointing.js';
export { arraySource, knownAtSource, recordedBy, withScratchReadModels } from './audit/known-at.js';
export type { ApiKey, CreatedKey } from './keys/api-key.js';
export { checkNewKey, type CreateKeyCheck } from './keys/create-key.js';
export { KeyNameTakenError, KeyStore, type KeyOrigin, type KeyStoreOptions, type NewKey } from './keys/key-store.js';
export { EVERY_AREA, ROLES, type Role } from './keys/roles.js';
export { onlineRebuildProblem, RebuildInProgress, startOnlineRebuild, type StartedRebuild } from './rebuild/online-rebuild.js';
export { startApiServer } from './api-server.js';
