import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { computeEventHash, GENESIS_HASH } from '../hash-chain.js';
import { SqliteEventStore } from './sqlite-event-store.js';

/**
 * Two real OS processes append to one file at the same time, half of it to a stream both write, with
 * optimistic retries. Nothing may be lost or duplicated: positions stay contiguous, the shared stream's
 * revisions run 0..n-1 and every hash chain holds. The children run this library transpiled to plain
 * JavaScript, as jest's module loader is not available to them.
 */
const librarySource = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const projectNodeModules = resolve(librarySource, '../../../node_modules');
const workDir = mkdtempSync(join(tmpdir(), 'socai-two-processes-'));
const buildDir = join(workDir, 'build');
const appendsPerWriter = 300;

const writerScript = `
import { SqliteEventStore, WrongExpectedRevisionError } from './index.js';
import { existsSync, writeFileSync } from 'node:fs';
const [file, writer, count, barrier] = process.argv.slice(2);
const store = SqliteEventStore.open(file);
// Start together: say ready, then wait for the parent's go.
writeFileSync(barrier + '.ready-' + writer, '');
const pause = new Int32Array(new SharedArrayBuffer(4));
while (!existsSync(barrier + '.go')) Atomics.wait(pause, 0, 0, 2);
const event = (eventId) => ({ eventId, type: 'Noted', data: { writer, note: 'Bưu điện Hướng Hóa' }, metadata: {
  eventId, recordedAt: '2025-07-01T08:00:00.000Z', actor: writer, role: 'clerk', source: 'cli',
  correlationId: writer, causationId: writer, commandKey: eventId, schemaVersion: 1 } });
const other = writer === 'A' ? 'B' : 'A';
const half = Math.floor(Number(count) / 2);
let expected = 'no_stream';
for (let i = 0; i < Number(count); i++) {
  // Halfway, each writer waits until the other has written its first half to the shared stream: both
  // halves of the stream then hold both writers, so it switches writers at least twice by construction.
  if (i === half) {
    writeFileSync(barrier + '.half-' + writer, '');
    const giveUp = Date.now() + 120000;
    while (!existsSync(barrier + '.half-' + other)) {
      if (Date.now() > giveUp) throw new Error('writer ' + other + ' never reached half way');
      Atomics.wait(pause, 0, 0, 2);
    }
  }
  // Pause like a server between requests; without it, SQLite's busy handler (which sleeps) lets the
  // writer holding the lock take it again and again, and the two would rarely interleave.
  Atomics.wait(pause, 0, 0, 1);
  store.appendSync({ streamId: 'own-' + writer, expectedRevision: i === 0 ? 'no_stream' : i - 1, events: [event(writer + '-own-' + i)] });
  for (;;) {
    try {
      const result = store.appendSync({ streamId: 'shared', expectedRevision: expected, events: [event(writer + '-shared-' + i)],
        claim: { commandKey: writer + '-key-' + i, contentHash: 'h' } });
      expected = result.revision;
      break;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      expected = error.actual;
    }
  }
}
store.closeSync();
`;

function transpileLibrary(): void {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  for (const source of walk(librarySource)) {
    if (!source.endsWith('.ts') || source.endsWith('.spec.ts') || source.includes('/testing/')) continue;
    const output = ts.transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    const target = join(buildDir, source.slice(librarySource.length)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output);
  }
  // The library reads its defaults from the one tunables module (libs/runtime/src/tunables.ts, no imports).
  const tunables = ts.transpileModule(readFileSync(resolve(librarySource, '../../runtime/src/tunables.ts'), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  writeFileSync(join(buildDir, 'tunables.js'), tunables);
  writeFileSync(join(buildDir, 'package.json'), JSON.stringify({ type: 'module', imports: { '#runtime/tunables': './tunables.js' } }));
  writeFileSync(join(buildDir, 'writer.mjs'), writerScript);
  symlinkSync(projectNodeModules, join(buildDir, 'node_modules'));
}

const barrier = join(workDir, 'barrier');

function runWriter(file: string, writer: string): Promise<void> {
  return new Promise((done, fail) => {
    const args = [join(buildDir, 'writer.mjs'), file, writer, String(appendsPerWriter), barrier];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`writer ${writer} exited with ${code}: ${stderr}`))));
  });
}

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

it('two processes appending to one file at once lose nothing and keep every chain intact', async () => {
  transpileLibrary();
  const file = join(workDir, 'data', 'events.db');
  SqliteEventStore.open(file).closeSync(); // create the schema once, so both writers start on equal terms

  const writers = Promise.all([runWriter(file, 'A'), runWriter(file, 'B')]);
  while (!existsSync(`${barrier}.ready-A`) || !existsSync(`${barrier}.ready-B`)) await new Promise((wake) => setTimeout(wake, 5));
  writeFileSync(`${barrier}.go`, '');
  await writers;

  const store = SqliteEventStore.open(file);
  try {
    const total = 4 * appendsPerWriter;
    // The writers really overlapped: each half of the shared stream (split by the halfway meeting)
    // holds both writers' events, so it switches between them at least twice.
    const writersInOrder = store.readStreamSync('shared').map((event) => event.eventId[0]).join('');
    const half = Math.floor(appendsPerWriter / 2);
    const firstHalf = writersInOrder.slice(0, 2 * half);
    const secondHalf = writersInOrder.slice(2 * half);
    expect([...new Set(firstHalf)].sort()).toEqual(['A', 'B']);
    expect([...new Set(secondHalf)].sort()).toEqual(['A', 'B']);
    expect(writersInOrder.match(/A+|B+/g)!.length).toBeGreaterThanOrEqual(3);
    const all = store.readAllSync();
    expect(all.map((event) => event.position)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(store.readStreamSync('shared').map((event) => event.revision)).toEqual(Array.from({ length: 2 * appendsPerWriter }, (_, i) => i));
    for (const writer of ['A', 'B']) {
      expect(store.readStreamSync(`own-${writer}`)).toHaveLength(appendsPerWriter);
      expect(all.filter((event) => event.eventId.startsWith(`${writer}-shared-`))).toHaveLength(appendsPerWriter);
      expect(store.findKeySync(`${writer}-key-${appendsPerWriter - 1}`)?.eventId).toBe(`${writer}-shared-${appendsPerWriter - 1}`);
    }
    const lastHash = new Map<string, string>();
    for (const event of all) {
      expect(event.metadata.prevHash).toBe(lastHash.get(event.streamId) ?? GENESIS_HASH);
      expect(event.metadata.hash).toBe(computeEventHash(event));
      lastHash.set(event.streamId, event.metadata.hash);
    }
  } finally {
    store.closeSync();
  }
});
