export * from './event-store.port.js';
export { canonicalJson, computeEventHash, GENESIS_HASH, sealEvent, type HashableEvent, type SealedEvent } from './hash-chain.js';
export { workerScriptAvailable } from './worker-script.js';
export { iterateAll, type IterateAllOptions } from './iterate-all.js';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';
export { ThreadedLogPages, type ThreadedLogPagesOptions } from './sqlite/threaded-log-pages.js';
export { SCHEMA_VERSION as SQLITE_EVENT_STORE_SCHEMA_VERSION } from './sqlite/schema.js';
export * from './audit/index.js';
export * from './esdb/index.js';
