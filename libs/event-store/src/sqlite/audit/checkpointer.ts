import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { signCheckpoint, type Checkpoint } from '../../audit/checkpoint.js';
import type { CheckpointStore } from './checkpoint-store.js';
import { GENESIS_DIGEST, nextDigest } from '../../audit/running-digest.js';
import type { SigningKey } from '../../audit/signing-key.js';

export interface CheckpointerOptions {
  /** Sign once the log has grown by this many events since the last checkpoint (default 1,000). */
  everyEvents?: number;
  /** …or once this long has passed since the last checkpoint and the log has grown at all (default 5 min). */
  everyMs?: number;
  /** How often to look at the log (default 1 s); each look folds only the new events' hashes. */
  pollMs?: number;
  /** Hashes read per query while folding. */
  batchSize?: number;
  /**
   * Hashes folded between two turns of the event loop once started (default 2,000, a few milliseconds):
   * a server started on a long log unsigned so far must answer requests while it catches up.
   */
  sliceSize?: number;
  now?: () => Date;
  onError?: (error: unknown) => void;
}

/**
 * Signs checkpoints over the global log as it grows. The running digest is kept in memory and advanced
 * by the new events only, so a look at the log costs one indexed query when nothing happened. At start
 * the digest is taken from the last checkpoint and folded forward to the head; whether that
 * checkpoint itself is sound is `verify`'s business, not the signer's. Started, it catches up in slices
 * that let the event loop run between them; the digest and the checkpoints are the same either way.
 */
export class Checkpointer {
  private foldedPosition = 0;
  private digest = GENESIS_DIGEST;
  private lastCheckpoint: Pick<Checkpoint, 'position' | 'signedAt'> | undefined;
  private lastSignedMs: number;
  private timer: NodeJS.Timeout | undefined;
  /** A look (catching up, then maybe signing) is under way: the next poll leaves it alone. */
  private looking = false;
  private readonly everyEvents: number;
  private readonly everyMs: number;
  private readonly batchSize: number;
  private readonly sliceSize: number;
  private readonly now: () => Date;

  constructor(
    private readonly store: CheckpointStore,
    private readonly key: SigningKey,
    private readonly options: CheckpointerOptions = {},
  ) {
    this.everyEvents = options.everyEvents ?? 1_000;
    this.everyMs = options.everyMs ?? 5 * 60_000;
    this.batchSize = options.batchSize ?? 10_000;
    this.sliceSize = options.sliceSize ?? 2_000;
    this.now = options.now ?? (() => new Date());
    const latest = store.latest();
    if (latest) {
      this.foldedPosition = latest.position;
      this.digest = latest.digest;
      this.lastCheckpoint = latest;
    }
    this.lastSignedMs = latest ? Date.parse(latest.signedAt) : this.now().getTime();
  }

  /** The position and running digest folded so far. */
  state(): { position: number; digest: string } {
    return { position: this.foldedPosition, digest: this.digest };
  }

  /** Folds the new events and signs a checkpoint if one is due; returns it, or undefined. */
  tick(): Checkpoint | undefined {
    this.fold();
    const since = this.lastCheckpoint?.position ?? 0;
    if (this.foldedPosition <= since) return undefined;
    const nowMs = this.now().getTime();
    const due = this.foldedPosition - since >= this.everyEvents || nowMs - this.lastSignedMs >= this.everyMs;
    return due ? this.sign() : undefined;
  }

  /** Signs a checkpoint at the head now if the log has grown since the last one (tests, shutdown). */
  checkpointNow(): Checkpoint | undefined {
    this.fold();
    return this.foldedPosition > (this.lastCheckpoint?.position ?? 0) ? this.sign() : undefined;
  }

  /** Looks at the log now and every pollMs; the first look returns to the event loop after one slice. */
  start(): void {
    if (this.timer) return;
    // Set first: a look stops catching up as soon as stop() clears it.
    this.timer = setInterval(() => void this.look(), this.options.pollMs ?? 1_000);
    // A pending look must not keep a finished process alive.
    this.timer.unref();
    void this.look();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async look(): Promise<void> {
    if (this.looking) return;
    this.looking = true;
    try {
      while (this.timer && this.foldSlice(this.sliceSize) === this.sliceSize) await yieldToEventLoop();
      // Stopped meanwhile: the store may be closed already.
      if (this.timer) this.tick();
    } catch (error) {
      (this.options.onError ?? ((e) => console.error('checkpointer:', e)))(error);
    } finally {
      this.looking = false;
    }
  }

  /** Folds every new event, in one go. */
  private fold(): void {
    while (this.foldSlice(this.batchSize) === this.batchSize);
  }

  /** Folds at most `limit` new events; answers how many there were. */
  private foldSlice(limit: number): number {
    const rows = this.store.eventHashes(this.foldedPosition, limit);
    for (const [position, hash] of rows) {
      if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) {
        throw new Error(`event at position ${position} has no valid metadata.hash; not signing over it (run socai verify)`);
      }
      this.digest = nextDigest(this.digest, hash);
      this.foldedPosition = position;
    }
    return rows.length;
  }

  private sign(): Checkpoint | undefined {
    const signedAt = this.now().toISOString();
    const checkpoint = signCheckpoint({ position: this.foldedPosition, digest: this.digest, signedAt }, this.key.privateKey, this.key.publicKey);
    const appended = this.store.append(checkpoint);
    this.lastSignedMs = Date.parse(signedAt);
    // Another process may have signed further already; its checkpoint is then the last one.
    this.lastCheckpoint = appended ? checkpoint : (this.store.latest() ?? this.lastCheckpoint);
    return appended ? checkpoint : undefined;
  }
}
