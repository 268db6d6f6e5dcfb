export { checkpointPayload, checkpointSignatureValid, keyIdOf, signCheckpoint, type Checkpoint, type UnsignedCheckpoint } from './checkpoint.js';
export { GENESIS_DIGEST, nextDigest } from './running-digest.js';
export { loadOrCreateSigningKey, readPublicKey, readSigningKey, type SigningKey } from './signing-key.js';
