import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Checkpointer, CheckpointStore, loadOrCreateSigningKey, openAuditDatabase, signCheckpoint } from '#event-store';
import { CSV_HEADER, exportEvents, type ExportFormat, type ExportRange } from '../../apps/cli/src/audit/export-events.js';
import { appendLog, otherKey, tempDir } from './audit-fixtures.js';

const VERIFY_EXPORT = join(process.cwd(), 'tools', 'verify-export.mjs');

/** A real store file of 1,000 events with checkpoints at 600 and 1,000, its export, and the standalone verifier. */
describe('export events and tools/verify-export.mjs', () => {
  const temp = tempDir('export');
  const file = join(temp.dir, 'events.sqlite');
  const keyFile = join(temp.dir, 'signing-key.pem');
  const publicKeyFile = join(temp.dir, 'public.pem');
  let lines: string[];

  beforeAll(async () => {
    const key = loadOrCreateSigningKey(keyFile);
    writeFileSync(publicKeyFile, key.publicKeyPem);
    for (const [from, to] of [[0, 600], [600, 1000]] as const) {
      appendLog(file, from, to);
      const checkpoints = CheckpointStore.open(file);
      new Checkpointer(checkpoints, key).checkpointNow();
      checkpoints.close();
    }
    lines = (await exported('ndjson')).trimEnd().split('\n');
  });
  afterAll(() => temp.remove());

  async function exported(format: ExportFormat, range: ExportRange = {}): Promise<string> {
    let text = '';
    const out = new Writable({ write(chunk, _encoding, done) { text += chunk.toString(); done(); } });
    const db = openAuditDatabase(file);
    try {
      await exportEvents(db, out, format, range);
    } finally {
      db.close();
    }
    return text;
  }

  function verifyFile(content: string, keyPath = publicKeyFile) {
    const path = join(temp.dir, `export-${Math.random().toString(36).slice(2)}.ndjson`);
    writeFileSync(path, content);
    return spawnSync('node', [VERIFY_EXPORT, path, keyPath], { encoding: 'utf8' });
  }

  it('writes one line per event, in position order, and each checkpoint right after its event', () => {
    expect(lines.length).toBe(1002);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ kind: 'event', position: 1, streamId: 'employer-QT00000', revision: 0, eventId: 'ev-0', type: 'Noted', data: { seq: 0, amount: '1000000', name: 'Công ty Đông Á' } });
    expect(first.metadata).toMatchObject({ prevHash: '0'.repeat(64), hash: expect.stringMatching(/^[0-9a-f]{64}$/), recordedAt: '2025-03-01T08:00:00.000Z' });
    expect(JSON.parse(lines[600]!)).toMatchObject({ kind: 'checkpoint', position: 600 });
    expect(JSON.parse(lines[1001]!)).toMatchObject({ kind: 'checkpoint', position: 1000, digest: expect.stringMatching(/^[0-9a-f]{64}$/), signature: expect.any(String) });
  });

  it('passes the standalone verifier (exit 0)', () => {
    const result = verifyFile(lines.join('\n') + '\n');
    expect(result.stdout).toBe('intact: 1000 events, 2 signed checkpoints\n');
    expect(result.status).toBe(0);
  });

  it('fails the standalone verifier on an edited amount, naming the position and stream (exit 2)', () => {
    const tampered = lines.map((line, i) => (i === 456 ? line.replace('"amount":"1000456"', '"amount":"9000456"') : line));
    const result = verifyFile(tampered.join('\n'));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('BROKEN at position 457 (stream employer-QT00001): the content does not match its hash\n');
  });

  it('fails on a removed line, and on two lines of different streams swapped before a checkpoint', () => {
    const removed = verifyFile(lines.filter((_, i) => i !== 99).join('\n'));
    expect(removed.status).toBe(2);
    expect(removed.stdout).toContain('BROKEN at position 100');
    const swapped = [...lines];
    [swapped[10], swapped[11]] = [swapped[11]!, swapped[10]!];
    const renumbered = swapped.map((line, i) => (i === 10 || i === 11 ? line.replace(/"position":\d+/, `"position":${i + 1}`) : line));
    const result = verifyFile(renumbered.join('\n'));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('BROKEN at position 600: the running digest differs from the signed checkpoint\n');
  });

  it('fails on a forged checkpoint: a changed digest, or one signed with another key', () => {
    const changed = lines.map((line) => (line.includes('"kind":"checkpoint"') ? line.replace(/"digest":"./, '"digest":"x') : line));
    expect(verifyFile(changed.join('\n')).stdout).toBe('BROKEN at position 600: the checkpoint signature does not verify\n');
    const forger = otherKey();
    const checkpoint = JSON.parse(lines[1001]!);
    const forged = signCheckpoint({ position: 1000, digest: checkpoint.digest, signedAt: checkpoint.signedAt }, forger.privateKey, forger.publicKey);
    const withForged = [...lines];
    withForged[1001] = JSON.stringify({ kind: 'checkpoint', ...forged });
    expect(verifyFile(withForged.join('\n')).status).toBe(2);
    const forgerKeyFile = join(temp.dir, 'forger.pem');
    writeFileSync(forgerKeyFile, forger.publicKeyPem);
    expect(verifyFile(lines.join('\n'), forgerKeyFile).status).toBe(2);
  });

  it('exports a range; the verifier checks chains from the range start and the digest from its first checkpoint', async () => {
    const part = await exported('ndjson', { fromPosition: 501, toPosition: 1000 });
    expect(part.trimEnd().split('\n').length).toBe(502);
    const result = verifyFile(part);
    expect(result.stdout).toBe('intact: 500 events, 2 signed checkpoints (partial export: chains checked from its first event)\n');
  });

  it('exports CSV with a header, RFC 4180 quoting, and the checkpoint as a row', async () => {
    const csv = (await exported('csv', { fromPosition: 999, toPosition: 1000 })).split('\n');
    expect(csv[0]).toBe(CSV_HEADER);
    expect(csv[1]).toMatch(/^event,999,employer-QT00003,199,ev-998,Noted,2025-03-01T08:00:00.000Z,"{""amount"":""1000998"",""name"":""Công ty Đông Á"",""seq"":998}","{""actor""/);
    expect(csv[3]).toMatch(/^checkpoint,1000,,,,,,,,[0-9a-f]{64},/);
    expect(csv.length).toBe(5);
  });
});

