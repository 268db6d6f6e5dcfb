import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/index.js';
import { SocaiRuntime } from '#runtime';
import { LedgerReadings } from './ledger-readings.js';

/**
 * Readiness, apart from `/health` (liveness, unchanged): a load balancer sends no traffic to an
 * instance whose read models are more than `SOCAI_READY_MAX_LAG` events behind the log, or whose
 * event store does not take writes.
 */
@ApiTags('health')
@Controller('health')
export class ReadinessController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readings: LedgerReadings,
    @Inject(SocaiRuntime) private readonly runtime: SocaiRuntime,
  ) {}

  @Public()
  @Get('ready')
  @ApiOperation({ summary: '200 {status:"ok", info:{readModels, eventStore}} when ready — no key needed' })
  @ApiOkResponse({ description: 'Ready: terminus\'s {status, info, error, details} with readModels {position, eventStorePosition, lag, maxLag} and eventStore {writable}' })
  @ApiServiceUnavailableResponse({ description: 'NOT_READY: read models too far behind, or the event store does not take writes; the same details' })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.readModels(), () => this.eventStore()]);
    } catch (error) {
      // Terminus's own 503 body, with the code every error answer of the contract carries.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const details = error.getResponse() as object;
      throw new ServiceUnavailableException({ statusCode: 503, code: 'NOT_READY', message: 'not ready to serve', ...details });
    }
  }

  private async readModels() {
    const maxLag = this.runtime.config.readyMaxLag;
    const { eventStore, readModels } = await this.readings.positions();
    const lag = Math.max(0, eventStore - readModels);
    const check = this.indicators.check('readModels');
    const data = { position: readModels, eventStorePosition: eventStore, lag, maxLag };
    return lag > maxLag ? check.down(data) : check.up(data);
  }

  private eventStore() {
    const check = this.indicators.check('eventStore');
    const writable = this.readings.writable();
    return writable.ok ? check.up({ writable: true }) : check.down({ writable: false, reason: writable.reason });
  }
}
