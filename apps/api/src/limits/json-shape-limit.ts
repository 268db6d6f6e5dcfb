import { HttpException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { jsonShapeError, type FieldError, type JsonShapeLimits } from '#ledger';

/** 400 in the contract's shape for a body too wide or too deep to parse and validate safely. */
export class JsonShapeRefused extends HttpException {
  constructor(error: FieldError) {
    super({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'the request body is nested too deeply or holds too many keys', errors: [error] }, 400);
  }
}

/**
 * The JSON parser's `verify` hook: refuses a body that is too wide or too deep before it is even
 * parsed. The validation libraries take time quadratic in one object's keys (a wide body stalled the
 * event loop, and /health with it) and recurse once per level (a small body of nested arrays
 * overflowed the stack: a 500); parsing a very wide body alone is slow (docs/benchmarks.md, 'JSON
 * shape limits').
 * The check is one linear pass over the text. The parser passes the thrown HttpException, with its
 * status, to the error filter.
 */
export function jsonShapeVerifier(limits: JsonShapeLimits) {
  return (_request: IncomingMessage, _response: unknown, body: Buffer, encoding: string): void => {
    const error = jsonShapeError(body.toString((encoding || 'utf8') as BufferEncoding), limits, 'body');
    if (error) throw new JsonShapeRefused(error);
  };
}
