export { ChainMismatchError, copyLedger, verifyCopy, type CopyOptions, type CopyProgress, type CopySummary } from './copy-ledger.js';
export { isEsdbConnectionString, redactCredentials, toEsdbConnectionString } from './connection-string.js';
export { EsdbEventStore, ledgerEventOf, sealChain, type EsdbEventStoreOptions } from './esdb-event-store.js';
export { DEFAULT_CLAIM_LEASE_MS } from './key-claims.js';
export { esdbEventId, eventIndexStreamName, isHiddenFromLedger, keyStreamName } from './names.js';
export { toEsdbPosition, toLogPosition } from './positions.js';
export { backoffDelay, subscribeFromCheckpoint, type CheckpointSubscription, type CheckpointSubscriptionOptions } from './subscribe.js';
