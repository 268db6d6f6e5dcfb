import { Controller, Get, Header, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { todayUtc } from '#domain';
import { ARREARS_BUCKETS, renderProvinceReportText } from '#read-models';
import { Access, AreaOf, EVERY_ROLE } from '../auth/index.js';
import { NotFound } from '../common/http-errors.js';
import { SocaiRuntime } from '#runtime';
import { QueryParams } from './query-params.js';
import { ReadModelsGate } from './read-models.gate.js';
import { KnownAtService } from '../audit/known-at.service.js';
import { MIN_POSITION, QueryDocs, date } from '../openapi/query-docs.js';

/** The read side of the contract: every answer waits for `minPosition` first. */
@ApiTags('queries')
@Controller('api')
export class LedgerQueriesController {
  constructor(
    @Inject(SocaiRuntime) private readonly runtime: SocaiRuntime,
    private readonly gate: ReadModelsGate,
    private readonly knownAt: KnownAtService,
  ) {}

  private get queries() {
    return this.runtime.readModels.queries;
  }

  @Access({ roles: EVERY_ROLE, area: AreaOf.param('areaCode') })
  @Get('areas/:areaCode/totals')
  @QueryDocs({ from: date('First day (default 1 January of the year of `to`).', '2021-01-01'), to: date('Last day (default today); participants are counted as of it.'), minPosition: MIN_POSITION })
  @ApiOperation({ summary: 'Totals of a province or district over from..to; participants as of `to`' })
  async areaTotals(@Param('areaCode') areaCode: string, @Query() query: Record<string, unknown>) {
    const params = new QueryParams(query);
    params.areaCode('areaCode', areaCode);
    const { from, to } = params.dateRange('from', 'to');
    params.check();
    await this.gate.reach(query);
    const totals = await this.queries.areaTotals(areaCode, from, to);
    if (!totals) throw new NotFound('UNKNOWN_AREA', `no area ${areaCode}`);
    return totals;
  }

  @Access({ roles: ['inspector', 'auditor'], area: AreaOf.employerParam('unitCode') })
  @Get('employers/:unitCode/arrears')
  @QueryDocs({ asOf: date('The date the arrears are computed for (default today).', '2021-07-31'), knownAt: { description: 'An instant: answer from the events recorded up to it.', format: 'date-time', example: '2021-08-01T00:00:00Z' }, minPosition: MIN_POSITION })
  @ApiOperation({ summary: "An employer's arrears as of a date, per period, with the trace of events behind every đồng; knownAt replays what the ledger knew at that instant" })
  async employerArrears(@Param('unitCode') unitCode: string, @Query() query: Record<string, unknown>) {
    const params = new QueryParams(query);
    const asOf = params.date('asOf');
    const knownAt = params.instant('knownAt');
    params.check();
    await this.gate.reach(query);
    // knownAt: what the ledger said at that instant, replayed from the employer's stream alone.
    const arrears = knownAt
      ? await this.knownAt.employerArrearsKnownAt(unitCode, asOf, knownAt)
      : await this.queries.employerArrears(unitCode, asOf);
    if (!arrears) throw new NotFound('EMPLOYER_NOT_REGISTERED', `no employer ${unitCode}`);
    return arrears;
  }

  @Access({ roles: ['inspector', 'auditor'], area: AreaOf.queryOrEverywhere('area') })
  @Get('arrears')
  @QueryDocs({
    area: { description: 'Province, district or commune code; without it every area (a key for `*` only).', example: '95' },
    bucket: { description: 'Only employers in this age bucket.', enum: ARREARS_BUCKETS },
    status: { description: 'evasion: only employers whose late payment is evasion on asOf (more than 60 days late after a written reminder, from 2025-07-01).', enum: ['evasion'] },
    asOf: date('Default today.'),
    limit: { type: 'integer', description: 'Page size, 1 to 500 (default 50).', example: 50 },
    cursor: { description: 'The `nextCursor` of the previous page.' },
    minPosition: MIN_POSITION,
  })
  @ApiOperation({ summary: 'Worklist for inspectors: employers by overdue amount, largest first, with totals by bucket' })
  async arrears(@Query() query: Record<string, unknown>) {
    const params = new QueryParams(query);
    const area = params.areaCode('area', query.area, false);
    const bucket = params.oneOf('bucket', ARREARS_BUCKETS);
    const status = params.oneOf('status', ['evasion'] as const);
    const asOf = params.date('asOf');
    const limit = params.integer('limit', { min: 1, max: 500, fallback: 50 });
    const cursor = params.cursor('cursor');
    params.check();
    await this.gate.reach(query);
    return await this.queries.arrearsWorklist({ area, bucket, status, asOf, limit, cursor });
  }

  @Access({ roles: ['clerk', 'inspector', 'auditor'], area: AreaOf.queryOrEverywhere('area') })
  @Get('employers')
  @QueryDocs({
    area: { description: 'Province, district or commune code (by the employer\'s recorded home); without it every area (a key for `*` only).', example: '44' },
    homedIn: { description: '`abolished`: homed in a code that ceased on 2025-07-01 (the worklist of who still needs a commune); `current`: the others.', enum: ['abolished', 'current'] },
    limit: { type: 'integer', description: 'Page size, 1 to 500 (default 50).', example: 50 },
    cursor: { description: 'The `nextCursor` of the previous page.' },
    minPosition: MIN_POSITION,
  })
  @ApiOperation({ summary: 'Employers by their recorded home, by unit code; homedIn=abolished lists who still needs a commune after the 2025 reorganisation' })
  async employers(@Query() query: Record<string, unknown>) {
    const params = new QueryParams(query);
    const area = params.areaCode('area', query.area, false);
    const homedIn = params.oneOf('homedIn', ['abolished', 'current'] as const);
    const limit = params.integer('limit', { min: 1, max: 500, fallback: 50 });
    const cursor = params.cursor('cursor');
    params.check();
    await this.gate.reach(query);
    return await this.queries.employersByHome({ area, homedIn, limit, cursor });
  }

  @Access({ roles: EVERY_ROLE, area: AreaOf.query('area') })
  @Get('plans/:year/progress')
  @QueryDocs({ area: { required: true, description: 'The province or district of the plan.', example: '95' }, asOf: date('Default today.'), minPosition: MIN_POSITION })
  @ApiOperation({ summary: 'Progress against the plan in force (latest assignedOn): collection, participants, coverage, arrears' })
  async planProgress(@Param('year') year: string, @Query() query: Record<string, unknown>) {
    const params = new QueryParams(query);
    const planYear = params.integer('year', { min: 1990, max: 2100 }, year);
    const area = params.areaCode('area', query.area);
    const asOf = params.date('asOf', todayUtc());
    params.check();
    await this.gate.reach(query);
    const progress = await this.queries.planProgress(planYear, area as string, asOf);
    if (!progress) throw new NotFound('PLAN_NOT_FOUND', `no plan for ${area} in ${planYear}`);
    return progress;
  }

  @Access({ roles: ['finance', 'auditor'], area: AreaOf.query('area') })
  @Get('payouts/:month')
  @QueryDocs({ area: { required: true, description: 'Province, district or commune code.', example: '954' }, minPosition: MIN_POSITION })
  @ApiOperation({ summary: 'Benefit payouts of a month: totals, by benefit, by channel, reversed, reconciliations' })
  async payouts(@Param('month') month: string, @Query() query: Record<string, unknown>) {
    const params = new QueryParams(query);
    params.month('month', month);
    const area = params.areaCode('area', query.area);
    params.check();
    await this.gate.reach(query);
    return await this.queries.payouts(month, area as string);
  }

  @Access({ roles: EVERY_ROLE, area: AreaOf.param('code') })
  @Get('reports/province/:code')
  @QueryDocs({ from: date('First day (default 1 January of the year of `to`).', '2021-01-01'), to: date('Last day (default today).'), format: { description: '`json` (default) or `text` (Vietnamese prose).', enum: ['json', 'text'] }, minPosition: MIN_POSITION })
  @ApiProduces('application/json', 'text/plain')
  @ApiOperation({ summary: 'Headline figures of a provincial report against the same period of the previous year; format=text gives Vietnamese prose' })
  @Header('Cache-Control', 'no-store')
  async provinceReport(@Param('code') code: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const params = new QueryParams(query);
    params.areaCode('code', code);
    const { from, to } = params.dateRange('from', 'to');
    const format = params.oneOf('format', ['json', 'text'] as const) ?? 'json';
    params.check();
    await this.gate.reach(query);
    const report = await this.queries.provinceReport(code, from, to);
    if (!report) throw new NotFound('UNKNOWN_AREA', `no province ${code}`);
    if (format === 'text') {
      response.type('text/plain; charset=utf-8');
      return renderProvinceReportText(report);
    }
    return report;
  }
}
