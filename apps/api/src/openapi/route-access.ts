import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { Access, type AccessRule } from '../auth/access.js';

/**
 * The `@Access` rule of every controller route, keyed `get /api/plans/{year}/progress` (OpenAPI's
 * lower-case method and `{param}` path), so the document can say who may call each operation.
 */
export function routeAccessRules(app: INestApplication): Map<string, AccessRule> {
  const rules = new Map<string, AccessRule>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as { prototype: Record<string, unknown> } | undefined;
      if (!controller?.prototype) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = Object.getOwnPropertyDescriptor(controller.prototype, name)?.value;
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const rule = Reflect.getMetadata(Access.KEY, handler) as AccessRule | undefined;
        if (!rule) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod].toLowerCase();
        const path = `/${base}/${String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')}`
          .replace(/\/+/g, '/')
          .replace(/(.)\/$/, '$1')
          .replace(/:(\w+)/g, '{$1}');
        rules.set(`${method} ${path}`, rule);
      }
    }
  }
  return rules;
}

/** The roles that may call a route: `public`, or `admin` and the rule's others. */
export function rolesOf(rule: AccessRule): string[] {
  return rule.roles === 'public' ? ['public'] : ['admin', ...rule.roles];
}
