const LF = 0x0a;
const CR = 0x0d;

/**
 * A line longer than the limit. Its bytes were counted as they arrived and dropped, never held, so
 * a line of any length costs no more memory than the limit.
 */
export class OverlongLine {
  constructor(readonly bytes: number, readonly limit: number) {}

  describe(): string {
    return `the line has ${this.bytes} bytes, more than the limit of ${this.limit} (SOCAI_MAX_LINE_BYTES); it was not read`;
  }
}

/**
 * Splits a byte stream into lines the way Node's readline does (LF, CRLF and a lone CR each end a
 * line; a last line without an ending counts if it is not empty), but never holds more than
 * `maxLineBytes` of a line: readline gathers the whole line into one string, so one line of
 * hundreds of MiB takes that much memory and, past V8's longest string, throws and ends the process.
 * Lines are decoded as UTF-8 once whole, so a character split between chunks is read correctly.
 */
export async function* ndjsonLines(input: AsyncIterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<string | OverlongLine> {
  /** The current line's pieces when it spans chunks (each a view of its chunk, not a copy). */
  let pieces: Buffer[] = [];
  let held = 0;
  /** Bytes of the current line once it is known to be too long; undefined while it is not. */
  let dropped: number | undefined;
  /** The last chunk ended with CR: a LF that starts the next one ends no further line. */
  let afterCr = false;

  const take = (chunk: Buffer, from: number, to: number): void => {
    const length = to - from;
    if (length === 0) return;
    if (dropped !== undefined) {
      dropped += length;
    } else if (held + length > maxLineBytes) {
      dropped = held + length;
      pieces = [];
      held = 0;
    } else {
      pieces.push(chunk.subarray(from, to));
      held += length;
    }
  };
  const endLine = (): string | OverlongLine => {
    if (dropped !== undefined) {
      const overlong = new OverlongLine(dropped, maxLineBytes);
      dropped = undefined;
      return overlong;
    }
    const text = pieces.length === 1 ? pieces[0]!.toString('utf8') : Buffer.concat(pieces, held).toString('utf8');
    pieces = [];
    held = 0;
    return text;
  };

  for await (const piece of input) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    if (chunk.length === 0) continue;
    let start = 0;
    if (afterCr) {
      afterCr = false;
      if (chunk[0] === LF) start = 1;
    }
    // The next CR is looked up once per chunk and again only once passed: most files have none.
    let cr = chunk.indexOf(CR, start);
    while (start < chunk.length) {
      const lf = chunk.indexOf(LF, start);
      if (cr !== -1 && cr < start) cr = chunk.indexOf(CR, start);
      const end = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
      if (end === -1) {
        take(chunk, start, chunk.length);
        break;
      }
      // A line wholly inside this chunk (the usual case) is decoded from it without a view.
      if (held === 0 && dropped === undefined && end - start <= maxLineBytes) {
        yield chunk.toString('utf8', start, end);
      } else {
        take(chunk, start, end);
        yield endLine();
      }
      start = end + 1;
      if (end === cr) {
        if (start === chunk.length) afterCr = true;
        else if (chunk[start] === LF) start++;
      }
    }
  }
  if (held > 0 || dropped !== undefined) yield endLine();
}
