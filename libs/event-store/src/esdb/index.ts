// Only modules that do not load `@eventstore/db-client` are exported as values here; the client-backed
// adapter comes through loadEsdbAdapter / connectEsdbEventStore / deferredEsdbEventStore (load-esdb.ts).
export { ChainMismatchError, copyLedger, verifyCopy, type CopyOptions, type CopyProgress, type CopySummary } from './copy-ledger.js';
export { isEsdbConnectionString, redactCredentials, toEsdbConnectionString } from './connection-string.js';
export type { EsdbEventStore, EsdbEventStoreOptions } from './esdb-event-store.js';
export { DEFAULT_CLAIM_LEASE_MS } from './key-claims.js';
export { connectEsdbEventStore, deferredEsdbEventStore, loadEsdbAdapter, type DeferredEsdbEventStore, type EsdbAdapter } from './load-esdb.js';
export { esdbEventId, eventIndexStreamName, isHiddenFromLedger, keyStreamName } from './names.js';
export { toEsdbPosition, toLogPosition } from './positions.js';
export type { CheckpointSubscription, CheckpointSubscriptionOptions } from './subscribe.js';
