import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { Registry } from 'prom-client';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'Prometheus text format; Bearer SOCAI_METRICS_TOKEN or an admin key (docs/operations.md lists the series)' })
  async scrape(): Promise<string> {
    this.metrics.read(await this.readings.read());
    return this.metrics.registry.metrics();
  }
}
