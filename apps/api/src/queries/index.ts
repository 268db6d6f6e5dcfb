import { LedgerQueriesController } from './ledger-queries.controller.js';
import { NoticesController } from './notices.controller.js';

export const QUERY_CONTROLLERS = [LedgerQueriesController, NoticesController];
