import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpApp } from '../bootstrap.js';
import { configFromEnv, SocaiRuntime } from '#runtime';
import { createOpenApiDocument, renderOpenApi } from './openapi-document.js';

/**
 * The app's OpenAPI document as docs/openapi.json holds it: the real app is built (not listening)
 * over a throwaway data directory, so nothing of a real ledger reaches the document.
 */
export async function generateOpenApi(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'socai-openapi-'));
  const runtime = SocaiRuntime.open({ ...configFromEnv({}), dataDir, adminKey: 'sk_openapi-generator-key-not-a-secret-000000', logLevel: 'silent' });
  try {
    const app = await createHttpApp(runtime);
    try {
      return renderOpenApi(createOpenApiDocument(app));
    } finally {
      await app.close();
    }
  } finally {
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function writeOpenApi(file: string): Promise<void> {
  writeFileSync(file, await generateOpenApi());
}
