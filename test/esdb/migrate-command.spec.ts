import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { SqliteEventStore, type NewEvent } from '#event-store';
import type { MigrateIo } from '../../apps/cli/src/commands/migrate.command.js';

// nest-commander is CommonJS that requires the ESM-only @nestjs/common, which jest's VM modules cannot
// load; its decorators only register the command, so they are replaced by no-ops here. What is tested is
// runMigrate, the command's whole behaviour (the CLI spec runs the built `socai` binary end to end).
jest.unstable_mockModule('nest-commander', () => ({
  Command: () => () => undefined,
  Option: () => () => undefined,
  CommandRunner: class {},
}));
const { runMigrate } = await import('../../apps/cli/src/commands/migrate.command.js');

/** A local port nobody listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function newEvent(eventId: string): NewEvent {
  return {
    eventId,
    type: 'Noted',
    data: { amount: '12' },
    metadata: { eventId, recordedAt: '2025-07-01T08:00:00.000Z', actor: 'k', role: 'clerk', source: 'cli', correlationId: 'c', causationId: 'c', commandKey: `cmd-${eventId}`, schemaVersion: 1 },
  };
}

describe('socai migrate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-migrate-'));
  const dataDir = join(dir, 'data');
  let out = '';
  let err = '';
  const io = (extra: Partial<MigrateIo> = {}): MigrateIo => ({
    dataDir,
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    ...extra,
  });

  beforeAll(async () => {
    const store = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
    await store.append({ streamId: 'employer-A', expectedRevision: 'no_stream', events: [newEvent('a0'), newEvent('a1')], claim: { commandKey: 'k', contentHash: 'h' } });
    await store.append({ streamId: 'employer-B', expectedRevision: 'no_stream', events: [newEvent('b0')] });
    store.closeSync();
  });
  beforeEach(() => {
    out = '';
    err = '';
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 when --from is not sqlite or --to is not an EventStoreDB connection string', async () => {
    expect(await runMigrate({ from: 'postgres', to: 'esdb://localhost:2113' }, io())).toBe(1);
    expect(err).toBe('socai migrate: --from must be sqlite (the embedded store), got postgres\n');
    err = '';
    expect(await runMigrate({ from: 'sqlite' }, io())).toBe(1);
    expect(err).toContain('--to must be an EventStoreDB/KurrentDB connection string');
    expect(await runMigrate({ from: 'sqlite', to: 'postgres://db/socai' }, io())).toBe(1);
  });

  it('exits 1 when there is no embedded ledger to copy', async () => {
    expect(await runMigrate({ from: 'sqlite', to: 'esdb://localhost:2113?tls=false' }, io({ dataDir: join(dir, 'empty') }))).toBe(1);
    expect(err).toContain(`no embedded ledger at ${join(dir, 'empty', 'events.sqlite')}`);
  });

  it('exits 2 with a clear message when the cluster cannot be reached (a closed local port)', async () => {
    const port = await closedPort();

    const code = await runMigrate({ from: 'sqlite', to: `kurrentdb://admin:secret@127.0.0.1:${port}?tls=false` }, io({ connectTimeoutMs: 3000 }));

    expect(code).toBe(2);
    expect(err).toContain(`socai migrate: cannot connect to EventStoreDB at kurrentdb://admin:***@127.0.0.1:${port}?tls=false: EventStoreDB unavailable`);
    expect(err).not.toContain('secret');
    expect(out).toBe('');
    // It gave up rather than retrying forever; jest's 60 s timeout bounds the wait without timing it.
  });

  it('copies and verifies every hash, here into another embedded store standing in for the cluster', async () => {
    const targetFile = join(dir, 'target.sqlite');
    const code = await runMigrate({ from: 'sqlite', to: 'esdb://cluster:2113?tls=false' }, io({ openTarget: () => SqliteEventStore.open(targetFile) }));

    expect(err.trim().split('\r').pop()).toBe('copied 3 events (0 already present), position 3/3');
    expect(out).toBe('migrated 3 events (0 already present) in 2 streams to esdb://cluster:2113?tls=false; 3 hashes verified on both sides\n');
    expect(code).toBe(0);
  });

  it('run again, counts every event as already present and copies nothing', async () => {
    const targetFile = join(dir, 'target.sqlite');
    const code = await runMigrate({ from: 'sqlite', to: 'esdb://cluster:2113?tls=false', inFlight: '1' }, io({ openTarget: () => SqliteEventStore.open(targetFile) }));

    expect(err.trim().split('\r').pop()).toBe('copied 0 events (3 already present), position 3/3');
    expect(out).toBe('migrated 0 events (3 already present) in 2 streams to esdb://cluster:2113?tls=false; 3 hashes verified on both sides\n');
    expect(code).toBe(0);
  });

  it('exits 1 on an --in-flight that is not a whole number from 1 to 64', async () => {
    expect(await runMigrate({ from: 'sqlite', to: 'esdb://cluster:2113?tls=false', inFlight: '0' }, io())).toBe(1);
    expect(err).toBe('socai migrate: --in-flight must be a whole number from 1 to 64, got 0\n');
  });
});
