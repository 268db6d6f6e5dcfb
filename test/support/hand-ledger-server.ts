import { HAND_LEDGER_EVENTS, HAND_LEDGER_NDJSON } from './hand-ledger.js';
import { startTestServer, type TestServer } from './test-server.js';

/** A test server over the hand-checked ledger, imported whole through `POST /api/import` (every line recorded). */
export async function startHandLedgerServer(): Promise<TestServer> {
  const server = await startTestServer();
  const imported = await server.request('POST', '/api/import', HAND_LEDGER_NDJSON);
  expect([imported.status, imported.body.recorded, imported.body.refused]).toEqual([200, HAND_LEDGER_EVENTS, 0]);
  return server;
}
