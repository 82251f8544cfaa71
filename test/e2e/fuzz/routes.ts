import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../../src/bootstrap';

const WRITES = new Map<RequestMethod, string>([
  [RequestMethod.POST, 'POST'],
  [RequestMethod.PUT, 'PUT'],
  [RequestMethod.PATCH, 'PATCH'],
  [RequestMethod.DELETE, 'DELETE'],
]);

/** `METHOD /path` with every `:param` as `:` (parameter names do not matter), without the API prefix. */
export function routeKey(method: string, path: string): string {
  const prefix = `/${API_PREFIX}`;
  const bare = path.startsWith(prefix) ? path.slice(prefix.length) : path;
  return `${method.toUpperCase()} ${bare.replace(/:[^/]+/g, ':')}`;
}

/**
 * Every write route (POST, PUT, PATCH, DELETE) of the running app, as `METHOD /path` under the API prefix: read from
 * the route metadata of every controller Nest registered (what it maps to Fastify), and each one checked against
 * Fastify's router, so the list is the app's, not a copy.
 */
export function writeRoutes(app: INestApplication): Array<{ method: string; path: string }> {
  return allWriteRoutes(app).filter((r) => !r.web);
}

/**
 * Web pages (h-web): the write routes outside the API prefix (src/web, whose forms post HTML forms, not JSON): their
 * fuzz targets are in test/e2e/web-fuzz.e2e-spec.ts, which fails naming a page's write route without one.
 */
export function webWriteRoutes(app: INestApplication): Array<{ method: string; path: string }> {
  return allWriteRoutes(app).filter((r) => r.web);
}

function allWriteRoutes(app: INestApplication): Array<{ method: string; path: string; web: boolean }> {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  const routes: Array<{ method: string; path: string; web: boolean }> = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!type) continue;
      const bases = paths(Reflect.getMetadata(PATH_METADATA, type));
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = WRITES.get(Reflect.getMetadata(METHOD_METADATA, handler));
        if (!method) continue;
        for (const base of bases)
          for (const own of paths(Reflect.getMetadata(PATH_METADATA, handler))) {
            const path = join(API_PREFIX, base, own);
            // Web pages (h-web): a page's route is outside the prefix (bootstrap.ts excludes src/web's paths).
            const bare = join(base, own);
            const web = !fastify.hasRoute({ method: method as 'POST', url: path });
            if (web && !fastify.hasRoute({ method: method as 'POST', url: bare }))
              throw new Error(`${method} ${path} is declared but Fastify has no such route`);
            routes.push({ method, path: web ? bare : path, web });
          }
      }
    }
  }
  return routes;
}

function paths(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [typeof value === 'string' ? value : '/'];
}

function join(...parts: string[]): string {
  const joined = parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}
