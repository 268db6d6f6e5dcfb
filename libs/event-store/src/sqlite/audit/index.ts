export { openAuditDatabase, rawEventRows, inReadSnapshot, type RawEventRow } from './audit-database.js';
export { CheckpointStore } from './checkpoint-store.js';
export { Checkpointer, type CheckpointerOptions } from './checkpointer.js';
export { verifyEventLog, type VerifyOptions } from './log-verifier.js';
export { SqliteLedgerVerifier } from './sqlite-ledger-verifier.js';
