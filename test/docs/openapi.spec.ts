import { readFileSync } from 'node:fs';
import { generateOpenApi } from '../../apps/api/src/openapi/index.js';

/**
 * docs/openapi.json is what the code produces: a client can generate its SDK from the repository
 * alone. When this fails, run `npm run openapi` and commit docs/openapi.json with the change.
 */
const COMMITTED = new URL('../../docs/openapi.json', import.meta.url);

describe('docs/openapi.json', () => {
  let generated: string;
  let document: any;

  beforeAll(async () => {
    generated = await generateOpenApi();
    document = JSON.parse(generated);
  });

  it('is the document the app produces (run npm run openapi when this fails)', () => {
    const committed = readFileSync(COMMITTED, 'utf8');
    if (committed !== generated) {
      const [a, b] = [committed.split('\n'), generated.split('\n')];
      const line = a.findIndex((text, index) => text !== b[index]);
      throw new Error(
        `docs/openapi.json differs from what the code produces — run npm run openapi and commit the file.\n` +
          `first difference at line ${line + 1}:\n  committed: ${a[line] ?? '(end of file)'}\n  generated: ${b[line] ?? '(end of file)'}`,
      );
    }
  });

  it('carries the money format, the error body and the command result', () => {
    expect(document.components.schemas.Money).toMatchObject({ type: 'string', pattern: '^(0|[1-9][0-9]*)$', example: '1380103000000' });
    expect(document.components.schemas.ErrorBodyDto.required).toEqual(['statusCode', 'code', 'message']);
    expect(document.components.schemas.CommandResultDto.required).toEqual(['eventId', 'type', 'streamId', 'revision', 'position']);
    expect(document.components.schemas.CollectContributionDto.properties.amount).toMatchObject({ type: 'string', pattern: '^(0|[1-9][0-9]*)$' });
  });

  it('gives every operation its roles and every error answer the error body', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]: [string, any]) =>
      Object.entries(item).map(([method, operation]: [string, any]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(28);
    expect(operations.filter(({ operation }) => !Array.isArray(operation['x-socai-roles'])).map(({ route }) => route)).toEqual([]);
    const bare = operations.flatMap(({ route, operation }) =>
      Object.entries(operation.responses)
        .filter(([status, response]: [string, any]) => /^[45]/.test(status) && response.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorBodyDto')
        .map(([status]) => `${route} ${status}`),
    );
    expect(bare).toEqual([]);
    expect(document.paths['/api/keys'].post['x-socai-roles']).toEqual(['admin']);
    expect(document.paths['/api/inspections'].post['x-socai-roles']).toEqual(['admin', 'clerk', 'inspector']);
    expect(document.paths['/health'].get['x-socai-roles']).toEqual(['public']);
  });

  // The registration answers the same fields plus optional `notes` (region 1 assumed), under its own schema.
  const COMMAND_RESULTS = ['#/components/schemas/CommandResultDto', '#/components/schemas/RegisterEmployerResultDto'];
  it('has an example body for each command', () => {
    const commands = Object.values(document.paths).flatMap((item: any) => Object.values(item)).filter((operation: any) => COMMAND_RESULTS.includes(operation.responses['201']?.content?.['application/json']?.schema?.$ref));
    expect(commands.length).toBe(19);
    const without = commands.filter((operation: any) => !operation.requestBody.content['application/json']?.examples).map((operation: any) => operation.operationId);
    expect(without).toEqual([]);
  });
});
