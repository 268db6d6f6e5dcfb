import type { AccessRule } from '../../apps/api/src/auth/index.js';
import { documentedRoutes, type DocumentedRoute } from '../support/api-doc-routes.js';
import { controllerHandlers } from '../support/controller-handlers.js';
import { registeredRoutes } from '../support/registered-routes.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * docs/api.md stays true: its route table names every route the real app serves, nothing else, and
 * for each the roles the route's `@Access` rule allows. Other work adds routes; this spec is what
 * tells it to document them.
 */

/** The roles column as the docs write it, from a route's `@Access` rule. */
function rolesColumn(rule: AccessRule | undefined): string {
  if (!rule) return 'no @Access rule';
  if (rule.roles === 'public') return 'public';
  return rule.roles.length === 0 ? 'admin only' : rule.roles.join(', ');
}

/** `METHOD /path` → the roles of every route a Nest controller declares. */
function controllerRoles(server: TestServer): Map<string, string> {
  return new Map(controllerHandlers(server).map(({ route, rule }) => [route, rolesColumn(rule)]));
}

describe('docs/api.md', () => {
  let server: TestServer;
  let served: string[];
  let documented: DocumentedRoute[];

  beforeAll(async () => {
    server = await startTestServer();
    // Swagger UI's own files (/docs/index.html, …) are an implementation detail of GET /docs.
    served = registeredRoutes(server.app)
      .filter(({ path }) => !path.startsWith('/docs/'))
      .map(({ method, path }) => `${method} ${path}`);
    documented = documentedRoutes();
  });
  afterAll(async () => {
    await server.close();
  });

  it('finds the route table and the app\'s routes', () => {
    expect(documented.length).toBeGreaterThanOrEqual(30);
    expect(served).toContain('GET /health');
    expect(served).toContain('POST /api/employers/:unitCode/assessments');
  });

  it('documents every route the app registers', () => {
    const table = new Set(documented.map(({ route }) => route));
    const missing = served.filter((route) => !table.has(route));
    expect(missing.map((route) => `route ${route} is registered but not in docs/api.md — add it to the "Routes" table`)).toEqual([]);
  });

  it('documents no route the app does not register', () => {
    const routes = new Set(served);
    const stale = documented.filter(({ route }) => !routes.has(route));
    expect(stale.map(({ route }) => `route ${route} is in docs/api.md but the app does not register it — remove or fix it`)).toEqual([]);
  });

  it('gives each route the roles its @Access rule allows', () => {
    const actual = controllerRoles(server);
    const wrong = documented
      .filter(({ route, roles }) => actual.has(route) && actual.get(route) !== roles)
      .map(({ route, roles }) => `route ${route}: docs/api.md says "${roles}", its @Access rule allows "${actual.get(route)}" — fix the roles column`);
    expect(wrong).toEqual([]);
  });

  it('lists each route once', () => {
    const seen = documented.map(({ route }) => route);
    expect(seen.filter((route, index) => seen.indexOf(route) !== index)).toEqual([]);
  });
});
