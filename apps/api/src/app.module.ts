import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Logger } from 'pino';
import { Ledger } from '#ledger';
import { EventsController } from './audit/events.controller.js';
import { AUDIT_CONTROLLERS, AUDIT_PROVIDERS } from './audit/index.js';
import { AUTH_CONTROLLERS, AUTH_PROVIDERS } from './auth/index.js';
import { DashboardController } from './dashboard/index.js';
import { LIMIT_PROVIDERS } from './limits/index.js';
import { ArrearsFactsController } from './commands/arrears-facts.controller.js';
import { BankCreditsController } from './bank/bank-credits.controller.js';
import { BankStatementsController } from './bank/bank-statements.controller.js';
import { EmployersController } from './commands/employers.controller.js';
import { MonthEndClosesController } from './commands/month-end-closes.controller.js';
import { PersonsController } from './commands/persons.controller.js';
import { FactsController } from './commands/facts.controller.js';
import { CommandGateway } from './commands/command-gateway.js';
import { ImportController } from './commands/import.controller.js';
import { PayoutReconciliationsController } from './commands/payout-reconciliations.controller.js';
import { ErrorFilter } from './common/error.filter.js';
import { OBSERVABILITY_CONTROLLERS, observabilityImports, observabilityProviders } from './observability/index.js';
import { HealthController } from './queries/health.controller.js';
import { QUERY_CONTROLLERS } from './queries/index.js';
import { ReadModelsGate } from './queries/read-models.gate.js';
import { RebuildsController } from './rebuild/rebuilds.controller.js';
import { SocaiRuntime } from '#runtime';

@Module({})
export class AppModule {
  /** The HTTP app over an opened runtime (the CLI's `serve` and the tests both open one). */
  static forRuntime(runtime: SocaiRuntime, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [...observabilityImports(logger)],
      controllers: [
        HealthController, EmployersController, PersonsController, FactsController, ArrearsFactsController, MonthEndClosesController, PayoutReconciliationsController, ImportController, EventsController,
        ...QUERY_CONTROLLERS, ...AUTH_CONTROLLERS, ...AUDIT_CONTROLLERS, DashboardController, RebuildsController,
        ...OBSERVABILITY_CONTROLLERS,
        BankStatementsController, BankCreditsController,
      ],
      providers: [
        { provide: SocaiRuntime, useValue: runtime },
        { provide: Ledger, useValue: runtime.ledger },
        { provide: APP_FILTER, useClass: ErrorFilter },
        CommandGateway,
        ReadModelsGate,
        ...AUTH_PROVIDERS,
        ...LIMIT_PROVIDERS,
        ...AUDIT_PROVIDERS,
        ...observabilityProviders(),
      ],
    };
  }
}
