import { Body, Controller, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { parseStatementCsv, ReconcilePayoutsDto } from '#ledger';
import type { SocaiRequest } from '../common/request-context.js';
import { Access, AreaOf } from '../auth/index.js';
import { ValidationFailed } from '../common/http-errors.js';
import { STATEMENT_TYPES } from '../limits/index.js';
import { SocaiRuntime } from '#runtime';
import { CommandGateway } from './command-gateway.js';
import { CommandRoute } from './command-responses.js';

/**
 * ReconcilePayouts: the payout agent's statement against the ledger's payments of the month and
 * area. Answers the command result together with the reconciliation it recorded.
 */
@ApiTags('commands')
@Controller('api/payout-reconciliations')
export class PayoutReconciliationsController {
  constructor(
    private readonly gateway: CommandGateway,
    @Inject(SocaiRuntime) private readonly runtime: SocaiRuntime,
  ) {}

  @Access({ roles: ['clerk', 'finance'], area: AreaOf.bodyAreaCode })
  @Post()
  @ApiOperation({ summary: 'ReconcilePayouts → PayoutsReconciled (key: statementRef). JSON, or text/csv `paymentRef,personId,amount` with statementRef, month, areaCode, agent as query parameters' })
  @ApiConsumes(...STATEMENT_TYPES)
  @CommandRoute('ReconcilePayouts', ReconcilePayoutsDto)
  async reconcile(@Body() body: unknown, @Query() query: Record<string, string>, @Req() request: SocaiRequest, @Res({ passthrough: true }) response: Response) {
    const command = typeof body === 'string' ? this.fromCsv(body, query) : body;
    const result = await this.gateway.record('ReconcilePayouts', command, request, response);
    const event = await this.runtime.store.findEvent(result.eventId);
    return { ...result, ...(event?.data as object) };
  }

  private fromCsv(text: string, query: Record<string, string>): object {
    const parsed = parseStatementCsv(text);
    if (!parsed.ok) throw new ValidationFailed(parsed.errors);
    const { statementRef, month, areaCode, agent } = query;
    return { statementRef, month, areaCode, agent, lines: parsed.lines };
  }
}
