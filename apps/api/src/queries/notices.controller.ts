import { Controller, Get, Header, Inject, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { streams } from '#domain';
import { monthlyNotice, renderNoticePdf, type MonthlyNotice } from '#read-models';
import { SocaiRuntime } from '#runtime';
import { Access, AreaOf } from '../auth/index.js';
import { NotFound } from '../common/http-errors.js';
import { MIN_POSITION, QueryDocs } from '../openapi/query-docs.js';
import { QueryParams } from './query-params.js';
import { ReadModelsGate } from './read-models.gate.js';

/** The employer's monthly notice (C12-TS, issue 22 item 7): who may read it is who may read the employer's arrears. */
@ApiTags('queries')
@Controller('api')
export class NoticesController {
  constructor(
    @Inject(SocaiRuntime) private readonly runtime: SocaiRuntime,
    private readonly gate: ReadModelsGate,
  ) {}

  // The clerk who closes the month sends the employer its notice; inspectors and auditors read it.
  @Access({ roles: ['clerk', 'inspector', 'auditor'], area: AreaOf.employerParam('unitCode') })
  @Get('employers/:unitCode/notices/:month')
  @QueryDocs({ format: { description: '`json` (default) or `pdf` (a one-page A4 notice in Vietnamese).', enum: ['json', 'pdf'] }, minPosition: MIN_POSITION })
  @ApiProduces('application/json', 'application/pdf')
  @ApiOperation({ summary: "The employer's monthly notice (C12-TS): opening balance per fund, assessed, adjustments, paid and its allocation, interest charged, closing balance, late amount, evasion warning" })
  @Header('Cache-Control', 'no-store')
  async notice(@Param('unitCode') unitCode: string, @Param('month') month: string, @Query() query: Record<string, unknown>): Promise<MonthlyNotice | StreamableFile> {
    const params = new QueryParams(query);
    params.month('month', month);
    const format = params.oneOf('format', ['json', 'pdf'] as const) ?? 'json';
    params.check();
    await this.gate.reach(query);
    const notice = await monthlyNotice({
      employerArrears: (code, asOf) => this.runtime.readModels.queries.employerArrears(code, asOf),
      employerFacts: (code) => this.runtime.store.readStream(streams.employer(code)),
    }, unitCode, month);
    if (!notice) throw new NotFound('EMPLOYER_NOT_REGISTERED', `no employer ${unitCode}`);
    if (format === 'pdf') {
      // A StreamableFile, not a Buffer: Nest would serialise a Buffer as JSON.
      return new StreamableFile(await renderNoticePdf(notice), { type: 'application/pdf', disposition: `inline; filename="C12-TS-${unitCode}-${month}.pdf"` });
    }
    return notice;
  }
}
