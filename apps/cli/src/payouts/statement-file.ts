import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import type { StatementLine } from '#domain';
import { quoteLooseNumbers, readStatementCsv, type FieldError } from '#ledger';

/** What a statement file holds: its lines, any command fields a JSON file names, and its digest. */
export type StatementFile =
  | { ok: true; lines: StatementLine[]; fields: Record<string, unknown>; sha256: string }
  | { ok: false; errors: FieldError[] };

/**
 * Reads a statement file for `socai reconcile`. A file whose first character (after a BOM and
 * spaces) is `{` is the JSON of the HTTP route, `{statementRef?, month?, areaCode?, agent?, lines}`;
 * anything else is the CSV statement, streamed through the same parser as `text/csv` bodies. The
 * SHA-256 of the bytes read gives the default statementRef.
 */
export async function readStatementFile(path: string): Promise<StatementFile> {
  return (await startsWithBrace(path)) ? readJson(path) : readCsv(path);
}

async function readCsv(path: string): Promise<StatementFile> {
  const hash = createHash('sha256');
  async function* hashed(): AsyncGenerator<Buffer> {
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk as Buffer);
      yield chunk as Buffer;
    }
  }
  const parsed = await readStatementCsv(hashed());
  return parsed.ok ? { ok: true, lines: parsed.lines, fields: {}, sha256: hash.digest('hex') } : parsed;
}

async function readJson(path: string): Promise<StatementFile> {
  const bytes = await readFile(path);
  let body: unknown;
  try {
    body = JSON.parse(quoteLooseNumbers(bytes.toString('utf8').replace(/^\uFEFF/, '')));
  } catch (error) {
    return { ok: false, errors: [{ field: 'body', message: `the file is not valid JSON: ${(error as Error).message}` }] };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ field: 'body', message: 'a JSON statement must be an object {statementRef, month, areaCode, agent, lines}' }] };
  }
  const { lines, ...fields } = body as Record<string, unknown>;
  // The lines are checked with the command (validateCommand), which words any error by its index.
  return { ok: true, lines: lines as StatementLine[], fields, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function startsWithBrace(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read({ buffer: Buffer.alloc(256), position: 0 });
    return /^\uFEFF?\s*\{/.test(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await file.close();
  }
}
