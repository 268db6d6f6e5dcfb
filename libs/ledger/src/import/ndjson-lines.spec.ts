import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { ndjsonLines, OverlongLine } from './ndjson-lines.js';

async function collect(chunks: (Buffer | string)[], maxLineBytes: number): Promise<(string | OverlongLine)[]> {
  const lines: (string | OverlongLine)[] = [];
  for await (const line of ndjsonLines(Readable.from(chunks, { objectMode: true }), maxLineBytes)) lines.push(line);
  return lines;
}

async function viaReadline(chunks: Buffer[]): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: Readable.from(chunks, { objectMode: true }), crlfDelay: Infinity })) lines.push(line);
  return lines;
}

/** Cuts `bytes` at the given offsets (sorted, deduplicated), so lines and characters straddle chunks. */
function cut(bytes: Buffer, offsets: number[]): Buffer[] {
  const points = [...new Set(offsets.map((offset) => offset % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}

describe('ndjsonLines', () => {
  it('splits exactly as readline does (LF, CRLF, lone CR, a last line without an ending), however the bytes are cut', async () => {
    const text = fc.array(fc.constantFrom('a', 'b', '{', '"', 'ệ', '🇻🇳', '\n', '\r', '\r\n', ' '), { maxLength: 60 }).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.nat(), { maxLength: 8 }), async (input, offsets) => {
        const chunks = cut(Buffer.from(input, 'utf8'), offsets);
        expect(await collect(chunks, 1_000)).toEqual(await viaReadline(chunks));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a line longer than the limit by its byte count, whatever its chunks, and keeps the lines around it', async () => {
    const chunks = ['ab\n', 'cdefg', 'hij', 'k\r', '\nlm\r', 'nopqrstu\n', 'ệệ\n', 'ệệệ\n', '123456789'];
    expect(await collect(chunks, 8)).toEqual([
      'ab', new OverlongLine(9, 8), 'lm', 'nopqrstu', 'ệệ', new OverlongLine(9, 8), new OverlongLine(9, 8),
    ]);
  });

  // That the line is not held is shown on a server's peak memory (test/reliability/single-request.spec.ts).
  it('counts a line of 64 MiB through a cap of 1 KiB', async () => {
    const filler = Buffer.alloc(1024 * 1024, 'y');
    async function* body() {
      yield Buffer.from('{"a":1}\n"');
      for (let n = 0; n < 64; n++) yield filler;
      yield Buffer.from('"\n{"b":2}');
    }
    const lines: (string | OverlongLine)[] = [];
    for await (const line of ndjsonLines(body(), 1024)) lines.push(line);
    expect(lines).toEqual(['{"a":1}', new OverlongLine(64 * 1024 * 1024 + 2, 1024), '{"b":2}']);
  });

  it('describes an over-long line with its size and the variable that sets the limit', () => {
    expect(new OverlongLine(2_000_000, 1_048_576).describe()).toBe('the line has 2000000 bytes, more than the limit of 1048576 (SOCAI_MAX_LINE_BYTES); it was not read');
  });
});
