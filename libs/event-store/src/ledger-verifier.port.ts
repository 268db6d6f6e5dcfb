import type { KeyObject } from 'node:crypto';

/**
 * The audit port: checking a whole ledger against what was recorded. An adapter offers it as its
 * `verifier` capability (see `EventStore.verifier`), or declares it undefined when it has none, so a
 * caller asks `verifierOf(store)` and gets a clear error rather than an empty "intact".
 */

/** What `socai verify` and `GET /api/audit/verify` answer. */
export interface VerifyReport {
  ok: boolean;
  eventsChecked: number;
  checkpointsChecked: number;
  /** The first position where the log stops being what was recorded (or the checkpoint that shows it). */
  firstBadPosition?: number;
  streamId?: string;
  reason?: string;
}

export interface LedgerVerifyOptions {
  /** The Ed25519 key the checkpoints must be signed with; required once any checkpoint exists. */
  publicKey?: KeyObject;
  /** Let other work run every this many events (the HTTP server); 0 or undefined never yields. */
  yieldEvery?: number;
}

/** Checks every stream's hash chain, the running digest and every signed checkpoint, in one consistent read. */
export interface LedgerVerifier {
  verify(options?: LedgerVerifyOptions): Promise<VerifyReport>;
}

/** The store cannot check its own log end to end (EventStoreDB's adapter, for one). */
export class VerifierUnavailableError extends Error {
  constructor(readonly store: string) {
    super(`${store} offers no ledger verifier: socai verify checks the embedded SQLite log`);
    this.name = 'VerifierUnavailableError';
  }
}

/** The store's verifier, or VerifierUnavailableError naming the store when it declares none. */
export function verifierOf(store: { readonly verifier?: LedgerVerifier; readonly constructor: { name: string } }): LedgerVerifier {
  if (!store.verifier) throw new VerifierUnavailableError(store.constructor.name);
  return store.verifier;
}
