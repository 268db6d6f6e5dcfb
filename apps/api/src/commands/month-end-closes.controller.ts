import { Body, Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CloseMonth } from '#domain';
import { closeMonth, CloseMonthDto, validateWithLibraries, type CloseMonthReport } from '#ledger';
import { ValidationFailed } from '../common/http-errors.js';
import { httpCommandContext, type SocaiRequest } from '../common/request-context.js';
import { Access, AreaOf } from '../auth/index.js';
import { SocaiRuntime } from '#runtime';

/**
 * The month-end close (issue 22 item 3): one LateInterestCharged per employer of the area with
 * anything late, each recorded through the ledger's pipeline. 201 when the close recorded any
 * charge, 200 when it recorded nothing (closed before, or nothing late), with what it did.
 */
@ApiTags('commands')
@Controller('api/month-end-closes')
export class MonthEndClosesController {
  constructor(@Inject(SocaiRuntime) private readonly runtime: SocaiRuntime) {}

  @Access({ roles: ['clerk'], area: AreaOf.bodyAreaCode })
  @Post()
  @ApiOperation({ summary: 'CloseMonth → LateInterestCharged on each employer of the area with anything late (key: month+areaCode per employer)' })
  @ApiBody({ type: CloseMonthDto, examples: { CloseMonth: { summary: 'CloseMonth, as a clerk would send it', value: { month: '2017-04', areaCode: '45', closedOn: '2017-05-02' } } } })
  async close(@Body() body: unknown, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response): Promise<CloseMonthReport> {
    const data = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : undefined;
    const validated = data ? validateWithLibraries('CloseMonth', CloseMonthDto, data) : { ok: false as const, errors: [{ field: 'body', message: 'must be an object' }] };
    if (!validated.ok) throw new ValidationFailed(validated.errors);
    const report = await closeMonth(this.runtime.ledger, this.runtime.areas, validated.command.data as unknown as CloseMonth, httpCommandContext(request));
    response.status(report.charged > 0 ? 201 : 200);
    return report;
  }
}
