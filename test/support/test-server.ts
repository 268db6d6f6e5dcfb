import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { createHttpApp } from '../../apps/api/src/bootstrap.js';
import { configFromEnv, type SocaiConfig } from '../../apps/api/src/config.js';
import { SocaiRuntime } from '../../apps/api/src/runtime.js';

export interface TestServer {
  url: string;
  runtime: SocaiRuntime;
  app: INestApplication;
  dataDir: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** A real socai server on a free loopback port over a fresh data directory. */
export async function startTestServer(overrides: Partial<SocaiConfig> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'socai-test-'));
  const config = { ...configFromEnv({}), dataDir, projectionIntervalMs: 20, ...overrides };
  const runtime = SocaiRuntime.open(config);
  runtime.readModels.projector.start(runtime.store, config.projectionIntervalMs);
  const app = await createHttpApp(runtime, { port: 0, host: '127.0.0.1', logger: ['error'] });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    runtime,
    app,
    dataDir,
    async request(method, path, body, headers = {}) {
      const isText = typeof body === 'string';
      const response = await fetch(url + path, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': isText ? 'application/x-ndjson' : 'application/json' }), ...headers },
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
