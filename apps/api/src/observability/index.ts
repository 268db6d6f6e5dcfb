import type { DynamicModule, Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { LedgerReadings } from './ledger-readings.js';
import { MetricsAccessGuard } from './metrics-access.guard.js';
import { MetricsController } from './metrics.controller.js';
import { Metrics } from './metrics.js';
import { SocaiNestLogger } from './nest-logger.js';
import { ReadinessController } from './readiness.controller.js';

export { httpMetrics } from './http-metrics.middleware.js';
export { LedgerReadings } from './ledger-readings.js';
export { maskPersonIds } from './mask.js';
export { Metrics, type CommandOutcome } from './metrics.js';
export { requestContext } from './request-context.middleware.js';
export { requestLogger, routeOf } from './request-log.js';
export { SocaiNestLogger } from './nest-logger.js';

/**
 * Logs, metrics and readiness (issue 25). The request lines come from pino-http mounted by the app
 * itself (bootstrap.ts), one per app: nestjs-pino's own middleware is one per process, which two test
 * servers in one process would share. nestjs-pino binds that request logger for Nest's own logs.
 */
export function observabilityImports(logger: Logger): DynamicModule[] {
  return [
    LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true }),
    // Terminus would log every failed check as an error: a lagging replica is expected, and the
    // request line already says 503.
    TerminusModule.forRoot({ logger: false }),
  ];
}

export const OBSERVABILITY_CONTROLLERS = [MetricsController, ReadinessController];

export function observabilityProviders(): Provider[] {
  return [{ provide: Metrics, useValue: new Metrics() }, LedgerReadings, MetricsAccessGuard, SocaiNestLogger];
}
