import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { CommandResultDto, ErrorBodyDto, MONEY_SCHEMA } from './schemas.js';
import { routeAccessRules, rolesOf } from './route-access.js';

const DESCRIPTION = [
  'Event-sourced ledger of social-insurance contributions and disbursements (socai, sổ cái).',
  '',
  '**Money** is a decimal string of whole đồng (`components.schemas.Money`, pattern `^(0|[1-9][0-9]*)$`): a plain JSON integer literal that is a safe integer is accepted on input and normalised; fractions, negatives, exponents (also as JSON number literals: `1e3`, `1000.0`, `-0`) and values over 10^15 (the amount bound, README) are refused.',
  '',
  '**Errors** all share one body (`components.schemas.ErrorBodyDto`): `{statusCode, code, message}`, plus `errors: [{field, message}]` on 400 VALIDATION_FAILED. A refused request writes nothing.',
  '',
  '**Roles**: `Authorization: Bearer <key>`; a key has one role (admin, clerk, inspector, finance, auditor) and areas. Each operation lists who may call it in `x-socai-roles` and its description; admin may call every route.',
  '',
  '**Commands** are idempotent by natural key: 201 a new event, 200 the same command again (nothing written), 409 IDEMPOTENCY_CONFLICT the same key with other content.',
].join('\n');

const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBodyDto' } } };
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type Operation = {
  description?: string;
  responses: Record<string, { description: string; content?: unknown }>;
  security?: unknown[];
  [extension: `x-${string}`]: unknown;
};

/**
 * The OpenAPI document of the running app, served at /docs and written to docs/openapi.json by
 * `npm run openapi`. Deterministic: nothing in it depends on the time, the host or the data.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('socai — sổ cái')
    .setDescription(DESCRIPTION)
    .setVersion('0.1.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorBodyDto, CommandResultDto] });
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, Money: { ...MONEY_SCHEMA } };
  annotateOperations(document, routeAccessRules(app));
  return document;
}

/** Roles, the shared error body and the answers every guarded route can give. */
function annotateOperations(document: OpenAPIObject, rules: ReturnType<typeof routeAccessRules>): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const rule = rules.get(`${method} ${path}`);
      const roles = rule ? rolesOf(rule) : ['admin'];
      operation['x-socai-roles'] = roles;
      operation.description = `Roles: ${roles.join(', ')}.${operation.description ? `\n\n${operation.description}` : ''}`;
      if (roles[0] === 'public') {
        operation.security = [];
      } else {
        operation.responses['401'] ??= { description: 'UNAUTHORIZED: no key, a malformed header, an unknown or revoked key' };
        operation.responses['403'] ??= { description: "FORBIDDEN: the key's role or areas do not reach this route or its data" };
        operation.responses['429'] ??= { description: "TOO_MANY_REQUESTS: the key's requests per minute are used up; Retry-After" };
      }
      if (method === 'get' && path.startsWith('/api/') && !path.startsWith('/api/keys') && !path.startsWith('/api/audit') && !path.startsWith('/api/streams') && path !== '/api/events') {
        operation.responses['400'] ??= { description: 'VALIDATION_FAILED: a query parameter that does not parse' };
        operation.responses['503'] ??= { description: 'READ_MODELS_BEHIND: the read models did not reach minPosition within 5 s; Retry-After' };
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (/^[45]\d\d$/.test(status) && !response.content) response.content = ERROR_CONTENT;
      }
    }
  }
}

/** JSON with every object's keys sorted, two-space indented, one trailing newline: diff-friendly and stable. */
export function renderOpenApi(document: OpenAPIObject): string {
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
