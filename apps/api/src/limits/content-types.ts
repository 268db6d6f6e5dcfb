import type { NextFunction, Request, Response } from 'express';

/** The NDJSON import's one type (the contract's). */
export const IMPORT_TYPES = ['application/x-ndjson'];
/** A payout statement: JSON, or the agent's CSV with the statement's fields as query parameters. */
export const STATEMENT_TYPES = ['application/json', 'text/csv'];
/** A bank statement (issue 24): camt.053 XML, MT940 text, a portal's CSV or XLSX export. */
export const BANK_STATEMENT_TYPES = ['application/xml', 'text/xml', 'text/plain', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
/** Every other route that takes a body takes JSON. */
const JSON_TYPES = ['application/json'];

const ROUTE_TYPES = new Map<string, string[]>([
  ['/api/import', IMPORT_TYPES],
  ['/api/payout-reconciliations', STATEMENT_TYPES],
  ['/api/bank-statements', BANK_STATEMENT_TYPES],
]);

/**
 * A body of a type the route does not take answers 415 with the accepted types, before any parser
 * reads it: an import sent as text/plain used to stream into nothing and answer 200 with zero lines.
 * Checked ahead of the key too (a cheap, public fact), so no body is parsed for a request refused anyway.
 */
export function acceptedContentTypes() {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!carriesBody(request)) return next();
    // Routing ignores case and a trailing slash, so the look-up does too.
    const accepted = ROUTE_TYPES.get(request.path.toLowerCase().replace(/\/+$/, '')) ?? JSON_TYPES;
    if (request.is(accepted)) return next();
    const given = request.headers['content-type'];
    response.setHeader('Accept', accepted.join(', '));
    // The body is not read: the connection is not reused for a next request behind it.
    response.setHeader('Connection', 'close');
    response.status(415).json({
      statusCode: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: `${request.method} ${request.path} takes ${accepted.join(' or ')}, not ${given ? given : 'a body without a content type'}`,
      accepted,
    });
  };
}

/** A write with a body that is not empty (a POST with no body at all is left to the route). */
function carriesBody(request: Request): boolean {
  if (request.method !== 'POST' && request.method !== 'PUT' && request.method !== 'PATCH') return false;
  if (request.headers['transfer-encoding'] !== undefined) return true;
  return Number(request.headers['content-length'] ?? 0) > 0;
}
