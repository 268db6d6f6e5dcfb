import { startTestServer, type TestServer } from '../support/test-server.js';
import { MIXED_IMPORT_EXPECTED, MIXED_IMPORT_LINES } from '../support/mixed-import.js';

describe('POST /api/import (NDJSON)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('records the valid lines, reports refused ones by number and reason, and records nothing on a second run', async () => {
    const file = MIXED_IMPORT_LINES.join('\n') + '\n';
    const first = await server.request('POST', '/api/import', file);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ recorded: MIXED_IMPORT_EXPECTED.recorded, duplicates: MIXED_IMPORT_EXPECTED.duplicates, refused: MIXED_IMPORT_EXPECTED.refused });
    expect(first.body.refusals.map(({ line, code }: { line: number; code: string }) => ({ line, code }))).toEqual(MIXED_IMPORT_EXPECTED.refusedLines);
    expect(first.body.refusals[2].errors).toEqual([expect.objectContaining({ field: 'amount' })]);
    expect(await server.runtime.store.headPosition()).toBe(6);

    const second = await server.request('POST', '/api/import', file);
    expect(second.body).toMatchObject({ recorded: 0, duplicates: 7, refused: 5 });
    expect(await server.runtime.store.headPosition()).toBe(6);
  });

  it('refuses a line whose command is not a string, even one that cannot be made a string, and goes on', async () => {
    const response = await server.request('POST', '/api/import', '{"command":[{"toString":null}],"data":{}}\n{"command":{"toString":null},"data":{}}\n');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ recorded: 0, refused: 2, lines: 2 });
    expect(response.body.refusals.map(({ line, code }: { line: number; code: string }) => ({ line, code }))).toEqual([
      { line: 1, code: 'VALIDATION_FAILED' }, { line: 2, code: 'VALIDATION_FAILED' },
    ]);
  });

  it('records metadata source "import" and the amounts exactly', async () => {
    const stream = await server.request('GET', '/api/streams/employer-QT00001/events');
    expect(stream.body.events.map((e: { type: string }) => e.type)).toEqual(['EmployerRegistered', 'ContributionAssessed', 'ContributionCollected']);
    expect(stream.body.events[1].data.due).toBe('395062');
    expect(stream.body.events.every((e: { metadata: { source: string } }) => e.metadata.source === 'import')).toBe(true);
    const person = await server.request('GET', '/api/streams/person-4500000001/events');
    expect(person.body.events[0].data.amount).toBe('4500000');
  });
});
