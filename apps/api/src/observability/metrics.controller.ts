import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { Registry } from 'prom-client';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Public } from '../auth/index.js';
import { LedgerReadings } from './ledger-readings.js';
import { MetricsAccessGuard } from './metrics-access.guard.js';
import { Metrics } from './metrics.js';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly readings: LedgerReadings,
  ) {}

  /** Public to the key guard, which knows only API keys: MetricsAccessGuard also takes the metrics token. */
  @Public()
  @UseGuards(MetricsAccessGuard)
  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOperation({ summary: 'Prometheus text format; Bearer SOCAI_METRICS_TOKEN or an admin key for every area (docs/operations.md lists the series)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The series in the Prometheus text format 0.0.4' })
  @ApiUnauthorizedResponse({ description: 'UNAUTHORIZED: no token, or neither the metrics token nor a known API key' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: an API key that is not an admin key for every area' })
  async scrape(): Promise<string> {
    this.metrics.read(await this.readings.read());
    return this.metrics.registry.metrics();
  }
}
