import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { quoteLooseNumbers } from '#ledger';

const QUOTED = Symbol('json body with its loose numbers quoted');
type Marked = IncomingMessage & { [QUOTED]?: string };

/**
 * The JSON body parser's `verify` hook, which sees the raw bytes before they are parsed: a body
 * with a fraction, exponent or `-0` literal (quoteLooseNumbers) keeps its quoted text aside, so
 * that `useQuotedNumbers` can parse that instead. Every other body is parsed once, as before.
 */
export function markLooseNumbers(req: IncomingMessage, _res: unknown, buf: Buffer, encoding: string): void {
  const text = buf.toString((encoding || 'utf8') as BufferEncoding);
  const quoted = quoteLooseNumbers(text);
  if (quoted !== text) (req as Marked)[QUOTED] = quoted;
}

/** After the JSON parser: a marked body is the rewritten text parsed (still valid JSON: a number became an object). */
export function useQuotedNumbers(req: Request, _res: Response, next: NextFunction): void {
  const quoted = (req as unknown as Marked)[QUOTED];
  if (quoted === undefined) return next();
  try {
    req.body = JSON.parse(quoted);
  } catch (error) {
    // Cannot happen for a body the parser took (a number became an object); if it did, refuse it as unreadable.
    return next(Object.assign(error as Error, { status: 400, type: 'entity.parse.failed' }));
  }
  next();
}
