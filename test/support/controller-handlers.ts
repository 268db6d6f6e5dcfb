import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { Access, type AccessRule } from '../../apps/api/src/auth/index.js';
import type { TestServer } from './test-server.js';

/** One route a Nest controller declares, as `METHOD /path`, with its handler's `@Access` rule (if any). */
export interface ControllerHandler {
  route: string;
  rule: AccessRule | undefined;
}

/** Every route the app's controllers declare, read from Nest's metadata (the access walk and the docs check share it). */
export function controllerHandlers(server: TestServer): ControllerHandler[] {
  const handlers: ControllerHandler[] = [];
  for (const module of server.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as { prototype: Record<string, unknown> };
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = Object.getOwnPropertyDescriptor(controller.prototype, name)?.value;
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const path = `/${base}/${String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
        handlers.push({ route: `${method} ${path}`, rule: Reflect.getMetadata(Access.KEY, handler) as AccessRule | undefined });
      }
    }
  }
  return handlers;
}
