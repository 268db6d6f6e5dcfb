import { Controller, HttpException, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { StatementParseError, type StatementFormat } from '#bank';
import { todayUtc } from '#domain';
import { importBankStatement, readBankStatement, StatementRequestError, type BankImportReport } from '#ledger';
import { SocaiRuntime } from '#runtime';
import { Access } from '../auth/index.js';
import { PayloadTooLarge } from '../common/http-errors.js';
import { httpCommandContext, type SocaiRequest } from '../common/request-context.js';
import { BANK_STATEMENT_TYPES } from '../limits/index.js';
import { bankAccounts, BankAreaOf } from './bank-areas.js';

/** The format a content type names; `text/plain` is MT940 (SWIFT text), a query `format` overrides. */
function formatOf(request: SocaiRequest, given: unknown): string | undefined {
  if (typeof given === 'string' && given !== '') return given;
  if (request.is(['application/xml', 'text/xml'])) return 'camt053';
  if (request.is('text/csv')) return 'csv';
  if (request.is('text/plain')) return 'mt940';
  if (request.is('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')) return 'xlsx';
  return undefined;
}

/** The body as the bank's bytes: a CSV was already read as text by the parser; the other types are read here, bounded. */
async function bodyBytes(request: SocaiRequest, limit: number): Promise<Buffer> {
  if (typeof request.body === 'string') return Buffer.from(request.body, 'utf8');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new PayloadTooLarge(`a statement may be at most ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Turns what cannot be read into the contract's 4xx: the field (or line, or element) and the reason; nothing is written. */
export function statementRefusal(error: unknown): never {
  if (error instanceof StatementRequestError) {
    throw new HttpException({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'the request is not valid', errors: [{ field: error.field, message: error.reason }] }, 400);
  }
  if (error instanceof StatementParseError) {
    const field = error.line !== undefined ? `line ${error.line}` : (error.element ?? 'file');
    throw new HttpException({
      statusCode: 422, code: error.code, message: error.message, format: error.format,
      ...(error.line !== undefined ? { line: error.line } : { element: error.element }), errors: [{ field, message: error.reason }],
    }, 422);
  }
  throw error;
}

/**
 * `POST /api/bank-statements?account=…[&bank=…&format=…]` (issue 24): a collection account's statement,
 * whole or refused whole. Each credit is recorded once (account+bankRef), new credits are matched;
 * 201 when anything new was recorded, 200 for a statement loaded before.
 */
@ApiTags('commands')
@Controller('api/bank-statements')
export class BankStatementsController {
  constructor(@Inject(SocaiRuntime) private readonly runtime: SocaiRuntime) {}

  @Access({ roles: ['finance', 'clerk'], area: BankAreaOf.accountQuery })
  @Post()
  @ApiConsumes(...BANK_STATEMENT_TYPES)
  @ApiOperation({ summary: 'ImportBankStatement → BankCreditReceived per credit line in bank-{account} (key: account+bankRef); confident matches → ContributionCollected + BankCreditMatched' })
  @ApiBody({ description: 'The statement file: camt.053 XML, MT940 (text/plain), or the bank\'s CSV/XLSX export (`bank` names its column mapping).', schema: { type: 'string' } })
  async import(@Query() query: Record<string, unknown>, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response): Promise<BankImportReport> {
    const input = await bodyBytes(request, 50 * 1024 * 1024);
    const request_ = { account: str(query.account), bank: str(query.bank), format: formatOf(request, query.format) as StatementFormat | undefined };
    const read = await readBankStatement(input, bankAccounts(), request_).catch(statementRefusal);
    const report = await importBankStatement(this.runtime.ledger, this.runtime.areas, read.account, read.statements, httpCommandContext(request), todayUtc()).catch(statementRefusal);
    response.status(report.newCredits > 0 ? 201 : 200);
    return report;
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
