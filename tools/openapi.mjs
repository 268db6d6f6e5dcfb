#!/usr/bin/env node
// Writes docs/openapi.json from the compiled app (`npm run openapi` builds first). The test suite
// (test/docs/openapi.spec.ts) fails when the committed file differs from what the code produces.
import { fileURLToPath } from 'node:url';
import { writeOpenApi } from '../dist/apps/api/src/openapi/index.js';

const file = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));
await writeOpenApi(file);
console.log(`wrote ${file}`);
