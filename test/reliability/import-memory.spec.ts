import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, constants, createWriteStream, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeUnless } from '../support/skipped.js';
import { auditEventStore } from './support/ledger-audit.js';
import { scaled, timeoutMs } from './support/soak.js';
import { SEED_EVENTS, socaiEnv, spawnSocai } from './support/socai-process.js';

/**
 * Bounded memory (issue 9, part 4): `socai import` of a large NDJSON file streams it, so its
 * resident memory must not grow with the file. The file mixes new payments, exact repeats and
 * refused lines; the child's RSS is sampled from /proc while it runs and must stay under a generous
 * ceiling (a memory bound, not a timing). ~200k lines in CI, 3 million under `npm run soak`.
 */
const LINES = scaled(200_000, 3_000_000);
const RSS_CEILING_MB = 512;
const CHUNK_LINES = 10_000;

/** Line i: a benefit payment (four per person), every 100th an exact repeat, every 50th refused. */
function lineOf(i: number): string {
  if (i % 50 === 49) return '{"command":"PayBenefit","data":{"paymentRef":"MEM-BAD","amount":"1.5"}}';
  const n = i % 100 === 98 ? i - 1 : i;
  const personId = `33${String(Math.floor(n / 4)).padStart(8, '0')}`;
  return `{"command":"PayBenefit","data":{"paymentRef":"MEM-${n}","personId":"${personId}","benefit":"pension","payoutMonth":"2024-0${1 + (n % 9)}","amount":"${3_000_000 + (n % 1_000_000)}","channel":"bank-account","areaCode":"465","paidOn":"2024-0${1 + (n % 9)}-05"}}`;
}

function expectedCounts(lines: number): { recorded: number; duplicates: number; refused: number } {
  let refused = 0;
  let duplicates = 0;
  for (let i = 0; i < lines; i++) {
    if (i % 50 === 49) refused++;
    else if (i % 100 === 98) duplicates++;
  }
  return { recorded: lines - refused - duplicates, duplicates, refused };
}

function rssKb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** `socai import` runs the import in a child with heap limits (bin/socai.js): the largest of the two counts. */
function importRssKb(pid: number): number | undefined {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    // The process has gone, or the kernel does not list children: its own figure is all there is.
  }
  const figures = [pid, ...children].map(rssKb).filter((kb): kb is number => kb !== undefined);
  return figures.length > 0 ? Math.max(...figures) : undefined;
}

const skipReason = existsSync('/proc/self/status') && process.platform === 'linux'
  ? undefined
  : `resident memory is read from /proc (Linux), and named pipes are made with mkfifo; ${process.platform} has no /proc/self/status`;

describeUnless(skipReason, `import of ${LINES} lines in bounded memory`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-import-memory-'));
  const dataDir = join(dir, 'data');
  const file = join(dir, 'big.ndjson'); // a named pipe, written as the import reads it

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps the importing process under ${RSS_CEILING_MB} MB and records every line once`, async () => {
    // The file is a named pipe the spec writes in chunks of 10,000 lines: the import reads it as a file
    // (`socai import FILE`), the test never holds it in memory, and after each chunk has gone into the
    // pipe the importer is sampled, necessarily mid-file. So the number of samples is fixed by the
    // file, not by how fast the machine is; a timer adds samples from the import's last batches.
    execFileSync('mkfifo', [file]);
    const importer = spawnSocai(['import', file], socaiEnv(dataDir));
    let peakKb = 0;
    const samples: number[] = [];
    const sample = (): number | undefined => {
      const kb = importRssKb(importer.pid);
      if (kb === undefined) return undefined;
      peakKb = Math.max(peakKb, kb);
      samples.push(kb);
      return kb;
    };
    const feed = createWriteStream(file);
    const opened = once(feed, 'open');
    const died = importer.exited.then(({ code }) => {
      throw new Error(`socai import exited (${code}) before opening the file:\n${importer.tail()}`);
    });
    await Promise.race([opened, died]).catch((error) => {
      closeSync(openSync(file, constants.O_RDONLY | constants.O_NONBLOCK)); // releases the blocked open
      throw error;
    });
    died.catch(() => undefined);
    const midFile: Array<number | undefined> = [];
    let chunk: string[] = [];
    for (let i = 0; i < LINES; i++) {
      chunk.push(lineOf(i));
      if (chunk.length === CHUNK_LINES || i === LINES - 1) {
        if (!feed.write(chunk.join('\n') + '\n')) await once(feed, 'drain');
        chunk = [];
        midFile.push(sample());
      }
    }
    const sampler = setInterval(sample, 200);
    await new Promise<void>((resolve) => feed.end(resolve));
    const { code } = await importer.exited;
    clearInterval(sampler);

    const expected = expectedCounts(LINES);
    const peakMb = Math.round(peakKb / 1024);
    const quarter = Math.max(1, Math.floor(samples.length / 4));
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    console.log(`import of ${LINES} lines: peak RSS ${peakMb} MB; median RSS first quarter ${Math.round(median(samples.slice(0, quarter)) / 1024)} MB, last quarter ${Math.round(median(samples.slice(-quarter)) / 1024)} MB; ${importer.stdout().trim()}`);
    expect(code).toBe(3);
    expect(importer.stdout()).toContain(`recorded ${expected.recorded}, duplicates ${expected.duplicates}, refused ${expected.refused}`);
    // One figure per chunk, each taken while the importer was still reading the file.
    expect(midFile.filter((kb) => kb !== undefined)).toHaveLength(Math.ceil(LINES / CHUNK_LINES));
    expect(peakMb).toBeLessThan(RSS_CEILING_MB);
    if (LINES <= 200_000) {
      const audit = auditEventStore(dataDir);
      expect(audit.problems).toEqual([]);
      // The seed rates k the import recorded first on the new ledger, then every line recorded.
      expect(audit.events.length).toBe(SEED_EVENTS + expected.recorded);
    }
  }, timeoutMs(240, 7_200));
});
