import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { createHttpApp } from '../../apps/api/src/bootstrap.js';
import { configFromEnv, type SocaiConfig, SocaiRuntime } from '#runtime';

/** The admin key every test server accepts, and that `request()` sends unless told otherwise. */
export const TEST_ADMIN_KEY = 'sk_test-admin-key-for-specs-only-0000000000';

/** Headers that authenticate as `key`. */
export function auth(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

/** Headers for a request with no Authorization header at all. */
export const NO_KEY: Record<string, string> = { authorization: '' };

export interface TestServer {
  url: string;
  adminKey: string;
  runtime: SocaiRuntime;
  app: INestApplication;
  dataDir: string;
  /**
   * Sends `Authorization: Bearer <adminKey>` unless `headers.authorization` is given (`NO_KEY`, an
   * empty value, sends none).
   */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** A real socai server on a free loopback port over a fresh data directory. */
export async function startTestServer(overrides: Partial<SocaiConfig> = {}, options: { logDestination?: DestinationStream } = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'socai-test-'));
  // Errors only, as before structured logs: a line for every request would bury a failing spec's output.
  const config = { ...configFromEnv({}), dataDir, projectionIntervalMs: 20, adminKey: TEST_ADMIN_KEY, logLevel: 'error' as const, ...overrides };
  const adminKey = config.adminKey ?? TEST_ADMIN_KEY;
  const runtime = SocaiRuntime.open(config);
  runtime.readModels.projector.start(runtime.store, config.projectionIntervalMs);
  const app = await createHttpApp(runtime, { port: 0, host: '127.0.0.1', logDestination: options.logDestination });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    adminKey,
    runtime,
    app,
    dataDir,
    async request(method, path, body, headers = {}) {
      const isText = typeof body === 'string';
      const { authorization = `Bearer ${adminKey}`, ...others } = headers;
      const response = await fetch(url + path, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': isText ? 'application/x-ndjson' : 'application/json' }),
          ...(authorization === '' ? {} : { authorization }),
          ...others,
        },
        body: body === undefined ? undefined : isText ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Plain-text answers (the prose report) stay text.
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async close() {
      await app.close();
      runtime.readModels.projector.stop();
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
