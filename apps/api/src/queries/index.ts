import { LedgerQueriesController } from './ledger-queries.controller.js';

export const QUERY_CONTROLLERS = [LedgerQueriesController];
