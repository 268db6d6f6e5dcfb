import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { isIsoDate, scopeCovers, todayUtc } from '#domain';
import { assignBankCredit, returnBankCredit, type BankAccount, type FieldError } from '#ledger';
import { areaScope, bankCreditsCsv, bankCreditsXlsx, bankReconciliationCsv, bankReconciliationXlsx, BankCreditsQuery, type BankCreditStatus } from '#read-models';
import { SocaiRuntime } from '#runtime';
import { Access } from '../auth/index.js';
import { NotFound, ValidationFailed } from '../common/http-errors.js';
import { httpCommandContext, type SocaiRequest } from '../common/request-context.js';
import { QueryParams } from '../queries/query-params.js';
import { ReadModelsGate } from '../queries/read-models.gate.js';
import { assignment, ASSIGNMENT_SCHEMA } from './bank-assignment.js';
import { bankAccounts, BankAreaOf } from './bank-areas.js';

const STATUSES: readonly BankCreditStatus[] = ['matched', 'assigned', 'unmatched', 'returned'];
const MAX_LIMIT = 1_000;
const READERS = ['finance', 'clerk', 'auditor'] as const;
const FORMATS = ['json', 'csv', 'xlsx'] as const;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The suspense queue and the month-end proof of a collection account (issue 24). */
@ApiTags('queries')
@Controller('api')
export class BankCreditsController {
  constructor(
    @Inject(SocaiRuntime) private readonly runtime: SocaiRuntime,
    private readonly gate: ReadModelsGate,
  ) {}

  private get query() {
    return new BankCreditsQuery(this.runtime.readModels.store.db);
  }

  @Access({ roles: READERS, area: BankAreaOf.listing })
  @Get('bank-credits')
  @ApiOperation({ summary: 'Bank credits by status (the suspense queue: status=unmatched), with their age in days; ?format=csv|xlsx' })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const params = new QueryParams(query);
    const errors: FieldError[] = [];
    const status = params.string('status');
    if (status !== undefined && !STATUSES.includes(status as BankCreditStatus)) errors.push({ field: 'status', message: `must be one of: ${STATUSES.join(', ')}` });
    const area = params.areaCode('area', query.area, false);
    const from = params.string('from');
    const to = params.string('to');
    for (const [field, value] of [['from', from], ['to', to]] as const) if (value !== undefined && !isIsoDate(value)) errors.push({ field, message: 'must be a date YYYY-MM-DD' });
    const limit = params.integer('limit', { min: 1, max: MAX_LIMIT, fallback: 100 });
    const cursor = params.string('cursor');
    if (cursor !== undefined && !/^\d{1,15}$/.test(cursor)) errors.push({ field: 'cursor', message: 'must be the nextCursor of an earlier page' });
    const format = params.string('format') ?? 'json';
    if (!isFormat(format)) errors.push({ field: 'format', message: `must be one of: ${FORMATS.join(', ')}` });
    params.check();
    if (errors.length) throw new ValidationFailed(errors);
    await this.gate.reach(query);
    const page = await this.query.list(areaScope(this.runtime.areas, area), {
      status: status as BankCreditStatus | undefined, account: params.string('account'), from, to, limit, cursor: cursor === undefined ? undefined : Number(cursor),
    }, todayUtc());
    if (format === 'csv') return csv(response, 'bank-credits.csv', bankCreditsCsv(page.items));
    if (format === 'xlsx') return xlsx('bank-credits.xlsx', await bankCreditsXlsx(page.items));
    return page;
  }

  @Access({ roles: ['finance', 'clerk'], area: BankAreaOf.creditParam })
  @Post('bank-credits/:id/assignments')
  @ApiOperation({ summary: 'AssignBankCredit {unitCode, period?} or {personId, scheme, coverFrom, coverTo} → ContributionCollected (receipt from the bank reference) + BankCreditAssigned in bank-{account} (key: credit id)' })
  @ApiBody({ description: 'The payer the credit came from: an employer, or a voluntary or household payer with the months it pays.', schema: ASSIGNMENT_SCHEMA })
  async assign(@Param('id') id: string, @Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    const { payer, reason } = assignment(object(body));
    const outcome = await assignBankCredit(this.runtime.ledger, id, { payer, ...(reason ? { reason } : {}) }, httpCommandContext(request), todayUtc());
    response.status(outcome.status === 'created' ? 201 : 200);
    return outcome.result;
  }

  @Access({ roles: ['finance', 'clerk'], area: BankAreaOf.creditParam })
  @Post('bank-credits/:id/returns')
  @ApiOperation({ summary: 'ReturnBankCredit → BankCreditReturned in bank-{account} (key: credit id): the money goes back to the payer' })
  async returnCredit(@Param('id') id: string, @Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    const data = object(body);
    const errors: FieldError[] = [];
    if (typeof data.reason !== 'string' || data.reason.trim() === '' || data.reason.length > 500) errors.push({ field: 'reason', message: 'is required: why the money goes back (at most 500 characters)' });
    if (data.returnedOn !== undefined && !isIsoDate(data.returnedOn)) errors.push({ field: 'returnedOn', message: 'must be a date YYYY-MM-DD' });
    for (const key of Object.keys(data).filter((k) => !['reason', 'returnedOn'].includes(k))) errors.push({ field: key, message: 'is not a field of a return' });
    if (errors.length) throw new ValidationFailed(errors);
    const outcome = await returnBankCredit(this.runtime.ledger, id, { reason: data.reason as string, returnedOn: (data.returnedOn as string | undefined) ?? todayUtc() }, httpCommandContext(request));
    response.status(outcome.status === 'created' ? 201 : 200);
    return outcome.result;
  }

  @Access({ roles: READERS, area: BankAreaOf.areaQuery })
  @Get('bank-accounts')
  @ApiOperation({ summary: "The office's collection accounts whose area lies in ?area (every account without it): {items:[{account, areaCode, bank}]}" })
  accounts(@Query() query: Record<string, unknown>): { items: BankAccount[] } {
    const params = new QueryParams(query);
    const area = params.areaCode('area', query.area, false);
    params.check();
    // The guard's reach: a current province lists its predecessors' accounts, as its key may read them.
    const items = [...bankAccounts().values()]
      .filter((found) => area === undefined || scopeCovers(this.runtime.areas, area, found.areaCode))
      .sort((a, b) => a.account.localeCompare(b.account))
      .map(({ account, areaCode, bank }) => ({ account, areaCode, bank }));
    return { items };
  }

  @Access({ roles: READERS, area: BankAreaOf.accountParam })
  @Get('bank-reconciliations/:account/:month')
  @ApiOperation({ summary: 'Month-end proof of a collection account: balances, credits, matched + assigned + unmatched + returned = credits, and collections no credit explains; ?format=csv|xlsx' })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  async reconciliation(@Param('account') account: string, @Param('month') month: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const params = new QueryParams(query);
    params.month('month', month);
    const format = params.string('format') ?? 'json';
    params.check();
    if (!isFormat(format)) throw new ValidationFailed([{ field: 'format', message: `must be one of: ${FORMATS.join(', ')}` }]);
    const found = bankAccounts().get(account);
    if (!found) throw new NotFound('ACCOUNT_NOT_FOUND', `${account} is not one of the office's collection accounts`);
    await this.gate.reach(query);
    const recon = await this.query.reconciliation(account, month, areaScope(this.runtime.areas, found.areaCode));
    if (format === 'json') return recon;
    const credits = await this.query.list(areaScope(this.runtime.areas, undefined), { account, from: `${month}-01`, to: `${month}-31`, limit: 1_000_000 }, todayUtc());
    const name = `bank-reconciliation-${account}-${month}`;
    if (format === 'csv') return csv(response, `${name}.csv`, bankReconciliationCsv(recon, credits.items));
    return xlsx(`${name}.xlsx`, await bankReconciliationXlsx(recon, credits.items));
  }
}

const isFormat = (value: string): value is (typeof FORMATS)[number] => (FORMATS as readonly string[]).includes(value);

function object(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ValidationFailed([{ field: 'body', message: 'must be an object' }]);
  return body as Record<string, unknown>;
}

function csv(response: Response, name: string, text: string): string {
  response.setHeader('content-type', 'text/csv; charset=utf-8');
  response.setHeader('content-disposition', `attachment; filename="${name}"`);
  return text;
}

/** A StreamableFile, not a Buffer: Nest would serialise a Buffer as JSON. */
function xlsx(name: string, workbook: Buffer): StreamableFile {
  return new StreamableFile(workbook, { type: XLSX_TYPE, disposition: `attachment; filename="${name}"` });
}
