import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../hash-chain.js';

/**
 * A signed checkpoint: "after the event at `position`, the running digest of the log was `digest`",
 * signed with the node's Ed25519 key at `signedAt`. See docs/audit.md for the exact bytes.
 */
export interface Checkpoint {
  position: number;
  /** Running digest (running-digest.ts) after folding the event at `position`. */
  digest: string;
  /** ISO 8601 UTC instant of signing. */
  signedAt: string;
  /** Base64 Ed25519 signature over `checkpointPayload`. */
  signature: string;
  /** First 16 hex digits of SHA-256 over the DER (SPKI) public key: which key signed it. */
  keyId: string;
}

export type UnsignedCheckpoint = Pick<Checkpoint, 'position' | 'digest' | 'signedAt'>;

/** The signed bytes: UTF-8 of canonicalJson({digest, position, signedAt}). */
export function checkpointPayload(checkpoint: UnsignedCheckpoint): Buffer {
  const { position, digest, signedAt } = checkpoint;
  return Buffer.from(canonicalJson({ position, digest, signedAt }), 'utf8');
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** Signs a checkpoint with an Ed25519 private key (Ed25519 takes no separate digest algorithm). */
export function signCheckpoint(body: UnsignedCheckpoint, privateKey: KeyObject, publicKey: KeyObject): Checkpoint {
  const signature = sign(null, checkpointPayload(body), privateKey).toString('base64');
  return { position: body.position, digest: body.digest, signedAt: body.signedAt, signature, keyId: keyIdOf(publicKey) };
}

/** True when `signature` is a valid Ed25519 signature of the checkpoint by `publicKey`. */
export function checkpointSignatureValid(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, checkpointPayload(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    // A malformed signature or a key of another type is simply not valid.
    return false;
  }
}
