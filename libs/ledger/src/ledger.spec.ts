import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMoney, type Command } from '#domain';
import { SqliteEventStore } from '#event-store';
import { AreaNotAllowedError, IdempotencyConflictError } from './errors.js';
import { Ledger } from './ledger.js';
import { paymentsFromLog } from './payments-from-log.js';
import { loadAreaDirectory } from './reference-data.js';

const clerk = { actor: 'clerk-465', role: 'clerk', source: 'http' as const, areas: ['465'] };
const register: Command = { command: 'RegisterEmployer', data: { unitCode: 'QT00001', name: 'Công ty Gỗ Hướng Hóa', areaCode: '465', registeredOn: '2022-01-05' } };
const payment = (n: number): Command => ({
  command: 'CollectContribution',
  data: { receiptNo: `R-${n}`, payer: { kind: 'employer', unitCode: 'QT00001' }, amount: String(1_000_000 + n), collectedOn: '2023-06-20' },
});

describe('Ledger (load → decide → append) on a real SQLite store', () => {
  let dir: string;
  let store: SqliteEventStore;
  let ledger: Ledger;
  const areas = loadAreaDirectory();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'socai-ledger-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    ledger = new Ledger({ store, areas, ledgerPayments: paymentsFromLog(store), clock: () => new Date('2023-06-21T03:00:00Z') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records the metadata of the context: actor, role, source, correlation, causation, key, schema version', async () => {
    const outcome = await ledger.execute(register, { ...clerk, correlationId: 'corr-1', causationId: 'req-1' });
    expect(outcome).toEqual({ status: 'created', result: { eventId: expect.any(String), type: 'EmployerRegistered', streamId: 'employer-QT00001', revision: 0, position: 1 } });
    const [event] = await store.readStream('employer-QT00001');
    expect(event.metadata).toEqual({
      eventId: outcome.result.eventId, recordedAt: '2023-06-21T03:00:00.000Z', actor: 'clerk-465', role: 'clerk', source: 'http',
      correlationId: 'corr-1', causationId: 'req-1', commandKey: 'RegisterEmployer:QT00001', schemaVersion: 1,
      prevHash: '0'.repeat(64), hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('answers a repeated command with the original result and a changed one with a conflict, writing nothing', async () => {
    const first = await ledger.execute(register, clerk);
    expect(await ledger.execute(register, clerk)).toEqual({ status: 'duplicate', result: first.result });
    await expect(ledger.execute({ ...register, data: { ...register.data, name: 'Khác' } } as Command, clerk)).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(await store.headPosition()).toBe(1);
  });

  it('never writes outside the key’s areas', async () => {
    await expect(ledger.execute(register, { ...clerk, areas: ['469'] })).rejects.toBeInstanceOf(AreaNotAllowedError);
    expect((await ledger.execute(register, { ...clerk, areas: ['45'] })).status).toBe('created');
  });

  it('keeps every one of 64 concurrent payments to one employer exactly once, in distinct revisions', async () => {
    await ledger.execute(register, clerk);
    const commands = Array.from({ length: 64 }, (_, n) => payment(n));
    // Each payment is sent twice at once: the second of each pair must be answered as a duplicate.
    const outcomes = await Promise.all([...commands, ...commands].map((command) => ledger.execute(command, clerk)));
    expect(outcomes.filter((o) => o.status === 'created')).toHaveLength(64);
    expect(outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(64);
    const events = await store.readStream('employer-QT00001');
    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 65 }, (_, n) => n));
    const total = addMoney(...events.slice(1).map((e) => (e.data as { amount: string }).amount));
    // 64 × 1,000,000 + (0 + 1 + … + 63) = 64,002,016 đ
    expect(total).toBe('64002016');
  });

  it('commits concurrent commands on different streams together, one durable commit for the group', async () => {
    const groups: number[] = [];
    const counting = Object.create(store) as SqliteEventStore;
    counting.appendEach = (requests) => {
      groups.push(requests.length);
      return store.appendEach(requests);
    };
    const grouped = new Ledger({ store: counting, areas, ledgerPayments: paymentsFromLog(store) });
    const registrations = Array.from({ length: 32 }, (_, n): Command => ({
      command: 'RegisterEmployer', data: { unitCode: `QT9${String(n).padStart(4, '0')}`, name: `Đơn vị ${n}`, areaCode: '465', registeredOn: '2022-01-05' },
    }));
    const outcomes = await Promise.all(registrations.map((command) => grouped.execute(command, clerk)));
    expect(outcomes.map((o) => o.status)).toEqual(Array(32).fill('created'));
    expect(groups).toEqual([32]);
    expect(new Set(outcomes.map((o) => o.result.position)).size).toBe(32);
  });

  it('two ledgers on one store file (two processes) both make progress without losing a payment', async () => {
    await ledger.execute(register, clerk);
    const otherStore = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const other = new Ledger({ store: otherStore, areas, ledgerPayments: paymentsFromLog(otherStore) });
    await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? ledger : other).execute(payment(n), clerk)));
    const events = await store.readStream('employer-QT00001');
    expect(events).toHaveLength(21);
    await otherStore.close();
  });

  it('offers whole commands only: the pipeline\'s steps are not on the Ledger nor exported by the lib', async () => {
    const lib = await import('./index.js');
    for (const step of ['checkKey', 'streamOf', 'decide', 'authorize', 'toAppend']) expect(step in ledger).toBe(false);
    expect(Object.keys(lib).filter((name) => /Steps|Decision|resultOf/.test(name))).toEqual([]);
  });

  it('asks the store once per step of a new command: the stream (until cached) and one group commit, no key look-up', async () => {
    const calls = { findKey: 0, readStream: 0, appendEach: 0, appendMany: 0 };
    const counting = Object.create(store) as SqliteEventStore;
    counting.findKey = (key) => (calls.findKey++, store.findKey(key));
    counting.readStream = (id, options) => (calls.readStream++, store.readStream(id, options));
    // A state's load reads the stream without metadata: a stream read all the same.
    counting.readStreamAfter = (id, revision) => (calls.readStream++, store.readStreamAfter(id, revision));
    counting.appendEach = (requests) => (calls.appendEach++, store.appendEach(requests));
    counting.appendMany = (requests) => (calls.appendMany++, store.appendMany(requests));
    const counted = new Ledger({ store: counting, areas, ledgerPayments: paymentsFromLog(store), clock: () => new Date('2023-06-21T03:00:00Z') });
    await counted.execute(register, clerk);
    expect(calls).toEqual({ findKey: 0, readStream: 1, appendEach: 1, appendMany: 0 });
    await counted.execute(payment(1), clerk);
    expect(calls).toEqual({ findKey: 0, readStream: 1, appendEach: 2, appendMany: 0 });
    // A repeat the decision refuses (registered already) is answered by its key, with no append.
    expect((await counted.execute(register, clerk)).status).toBe('duplicate');
    expect(calls).toEqual({ findKey: 1, readStream: 1, appendEach: 2, appendMany: 0 });
    // A repeat the decision accepts (a payment's receipt is only in its key) is refused by its claim, then answered by its key.
    expect((await counted.execute(payment(1), clerk)).status).toBe('duplicate');
    expect(calls).toEqual({ findKey: 2, readStream: 1, appendEach: 3, appendMany: 0 });
    expect(await store.headPosition()).toBe(2);
  });

  it('without the key look-up first, a key answers as before: repeat, other content, another area, freed by a reversal', async () => {
    await ledger.execute(register, clerk);
    const collected = await ledger.execute(payment(7), clerk);
    expect(collected.status).toBe('created');
    expect(await ledger.execute(payment(7), clerk)).toEqual({ status: 'duplicate', result: collected.result });
    const otherAmount = { ...payment(7), data: { ...payment(7).data, amount: '2000000' } } as Command;
    await expect(ledger.execute(otherAmount, clerk)).rejects.toBeInstanceOf(IdempotencyConflictError);
    await expect(ledger.execute(payment(7), { ...clerk, areas: ['469'] })).rejects.toBeInstanceOf(AreaNotAllowedError);
    const reversal: Command = { command: 'ReverseEntry', data: { eventId: collected.result.eventId, reason: 'Nhập sai', reversedOn: '2023-06-21' } };
    expect((await ledger.execute(reversal, clerk)).status).toBe('created');
    expect((await ledger.execute(reversal, clerk)).status).toBe('duplicate');
    // The reversal freed the receipt's key: the receipt is collected again, with other content, and claims it.
    const again = await ledger.execute(otherAmount, clerk);
    expect(again).toEqual({ status: 'created', result: expect.objectContaining({ type: 'ContributionCollected', revision: 3 }) });
    expect((await store.findKey('CollectContribution:R-7'))?.eventId).toBe(again.result.eventId);
    expect(await store.headPosition()).toBe(4);
  });
});

