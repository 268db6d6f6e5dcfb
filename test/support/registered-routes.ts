import type { INestApplication } from '@nestjs/common';

/** A route the HTTP server answers, as `METHOD /path` with Express's `:param` names. */
export interface RegisteredRoute {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

const NEST_MIDDLEWARE_PATH = '{/*splat}';

/**
 * Every route the running app's Express router holds: the Nest controllers' routes and those
 * mounted beside them (Swagger's /docs). Read from the router itself rather than from controller
 * metadata, so a route added by any means is seen. HEAD and OPTIONS twins are left out.
 */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const routes = new Map<string, RegisteredRoute>();
  for (const layer of stack) {
    // Nest mounts a module's middleware for every route (nestjs-pino's request logger) as a
    // catch-all route of every method; it answers nothing itself, so it is no route of the API.
    if (!layer.route || layer.route.path === NEST_MIDDLEWARE_PATH) continue;
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (!on || method === 'head' || method === 'options' || method === '_all') continue;
      for (const path of paths) {
        const route = { method: method.toUpperCase(), path: path.length > 1 ? path.replace(/\/$/, '') : path };
        routes.set(`${route.method} ${route.path}`, route);
      }
    }
  }
  return [...routes.values()].sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}
