/**
 * The part of the EventStoreDB adapter that needs `@eventstore/db-client`. Nothing imports this module
 * statically: `loadEsdbAdapter` (load-esdb.ts) loads it when a cluster is actually used, so every other
 * user of `#event-store` (each CLI call, the SQLite server) starts without loading the gRPC client.
 */
export { EsdbEventStore, sealChain } from './esdb-event-store.js';
export { ledgerEventOf } from './ledger-events.js';
export { backoffDelay, subscribeFromCheckpoint } from './subscribe.js';
