export { openAuditDatabase, rawEventRows, inReadSnapshot, type RawEventRow } from './audit-database.js';
export { checkpointPayload, checkpointSignatureValid, keyIdOf, signCheckpoint, type Checkpoint, type UnsignedCheckpoint } from './checkpoint.js';
export { CheckpointStore } from './checkpoint-store.js';
export { Checkpointer, type CheckpointerOptions } from './checkpointer.js';
export { verifyEventLog, type VerifyOptions, type VerifyReport } from './log-verifier.js';
export { GENESIS_DIGEST, nextDigest } from './running-digest.js';
export { loadOrCreateSigningKey, readPublicKey, readSigningKey, type SigningKey } from './signing-key.js';
