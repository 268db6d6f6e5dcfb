import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import {
  ChainMismatchError,
  connectEsdbEventStore,
  copyLedger,
  isEsdbConnectionString,
  redactCredentials,
  SqliteEventStore,
  StoreUnavailableError,
  verifyCopy,
  type EventStore,
} from '#event-store';
import { configFromEnv } from '#runtime';
import { EXIT } from '../exit-codes.js';

export interface MigrateOptions {
  from?: string;
  to?: string;
  /** Appends sent before the first is answered (copy-ledger.ts); 1 keeps the source's global order. */
  inFlight?: string;
}

export interface MigrateIo {
  /** Where the embedded store lives (SOCAI_DATA_DIR). */
  dataDir: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** How long to wait for the cluster to answer before giving up. */
  connectTimeoutMs?: number;
  /** Opens the target; tests may pass another adapter. */
  openTarget?: (connectionString: string) => EventStore & { ping?: (deadlineMs?: number) => Promise<void> };
}

/**
 * `socai migrate --from sqlite --to esdb://…`: copies the embedded ledger to EventStoreDB/KurrentDB in
 * log order (copy-ledger.ts) and then reads the target back, comparing every hash. Answers the exit
 * code: 0 copied and verified, 1 usage, 2 connection failure or a chain that does not verify.
 */
export async function runMigrate(options: MigrateOptions, io: MigrateIo): Promise<number> {
  if (options.from !== 'sqlite') {
    io.stderr(`socai migrate: --from must be sqlite (the embedded store), got ${options.from ?? 'nothing'}\n`);
    return EXIT.usage;
  }
  if (!options.to || !isEsdbConnectionString(options.to)) {
    io.stderr('socai migrate: --to must be an EventStoreDB/KurrentDB connection string (esdb://host:2113?tls=false, kurrentdb://…)\n');
    return EXIT.usage;
  }
  const sourceFile = join(io.dataDir, 'events.sqlite');
  if (!existsSync(sourceFile)) {
    io.stderr(`socai migrate: no embedded ledger at ${sourceFile} (set SOCAI_DATA_DIR)\n`);
    return EXIT.usage;
  }
  const inFlight = Number(options.inFlight ?? '8');
  if (!Number.isSafeInteger(inFlight) || inFlight < 1 || inFlight > 64) {
    io.stderr(`socai migrate: --in-flight must be a whole number from 1 to 64, got ${options.inFlight}\n`);
    return EXIT.usage;
  }
  const where = redactCredentials(options.to);

  let target: (EventStore & { ping?: (deadlineMs?: number) => Promise<void> }) | undefined;
  const source = SqliteEventStore.open(sourceFile);
  try {
    try {
      target = io.openTarget ? io.openTarget(options.to) : await connectEsdbEventStore(options.to);
      await target.ping?.(io.connectTimeoutMs ?? 10_000);
    } catch (error) {
      io.stderr(`socai migrate: cannot connect to EventStoreDB at ${where}: ${(error as Error).message}\n`);
      return EXIT.integrity;
    }
    const summary = await copyLedger(source, target, {
      inFlight,
      onProgress: (progress) => io.stderr(`\rcopied ${progress.copied} events (${progress.alreadyPresent} already present), position ${progress.position}/${progress.head}`),
    });
    io.stderr('\n');
    const verified = await verifyCopy(source, target);
    io.stdout(
      `migrated ${summary.copied} events (${summary.alreadyPresent} already present) in ${summary.streams} streams to ${where}; ` +
        `${verified} hashes verified on both sides\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      io.stderr(`\nsocai migrate: lost EventStoreDB at ${where}: ${error.message}; run the command again to resume\n`);
      return EXIT.integrity;
    }
    if (error instanceof ChainMismatchError) {
      io.stderr(`\nsocai migrate: the chain does not verify: ${error.message}\n`);
      return EXIT.integrity;
    }
    throw error;
  } finally {
    source.closeSync();
    await target?.close().catch(() => undefined);
  }
}

@Command({
  name: 'migrate',
  description: 'Copy the embedded ledger to EventStoreDB/KurrentDB in log order, keeping ids, data, metadata and hashes',
})
export class MigrateCommand extends CommandRunner {
  async run(_args: string[], options: MigrateOptions): Promise<void> {
    const code = await runMigrate(options, {
      dataDir: configFromEnv().dataDir,
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    });
    // The client's gossip discovery goes on after the store is closed (up to 10 attempts of 5 s per
    // seed; its API cannot stop it), which would keep the process alive long after the answer.
    process.exit(code);
  }

  @Option({ flags: '--from <store>', description: 'the store to copy from: sqlite (the embedded store in SOCAI_DATA_DIR)' })
  parseFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--in-flight <n>', description: 'appends sent before the first is answered, 1 to 64 (default 8; 1 keeps the source order of all streams exactly)' })
  parseInFlight(value: string): string {
    return value;
  }

  @Option({ flags: '--to <connection-string>', description: 'the EventStoreDB/KurrentDB cluster to copy to (esdb://…, kurrentdb://…)' })
  parseTo(value: string): string {
    return value;
  }
}
