import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importsOf } from '../../../test/support/imports-of.js';

/**
 * libs/domain stays pure: it imports nothing but its own files and decimal.js; no Nest, no database,
 * no HTTP, no file system or other Node I/O, no other library of the monorepo. Specs may read
 * fixtures; production files may not. The imports are read by TypeScript's own parser, so every
 * form counts: `import … from`, `export … from`, `import type`, `import x = require(…)`, a dynamic
 * `import(…)` and a `require(…)` call, in any quote style.
 */
const here = dirname(fileURLToPath(import.meta.url));
const ALLOWED_PACKAGES = ['decimal.js'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** A specifier that leaves the domain: anything but decimal.js and relative paths inside libs/domain/src. */
function leavesTheDomain(file: string, specifier: string): boolean {
  if (ALLOWED_PACKAGES.includes(specifier)) return false;
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return true;
  const target = resolve(dirname(file), specifier);
  return target !== here && !target.startsWith(`${here}/`);
}

it('imports nothing but itself and decimal.js', () => {
  const files = sources(here);
  // The walk found the domain's sources (a wrong path would check nothing and pass).
  expect(files.map((file) => relative(here, file))).toEqual(expect.arrayContaining(['index.ts', 'money.ts', 'rules/interest.ts']));
  const offenders = files.flatMap((file) =>
    importsOf(readFileSync(file, 'utf8'), file)
      .filter((specifier) => leavesTheDomain(file, specifier))
      .map((specifier) => `${relative(here, file)} imports ${specifier}`),
  );
  expect(offenders).toEqual([]);
});

it('finds every form of import, in any quote style', () => {
  const source = [
    `import { readFileSync } from "node:fs";`,
    `import type { INestApplication } from '@nestjs/common';`,
    'import Database from `better-sqlite3`;',
    `export { Pool } from 'pg';`,
    `import http = require('http');`,
    `const store = await import("#event-store");`,
    `const path = require('path');`,
    `const anything = await import(someName);`,
    `type Ledger = import('#ledger').Ledger;`,
    `import { Dec } from './money.js';`,
    `import Decimal from 'decimal.js';`,
  ].join('\n');
  const file = join(here, 'example.ts');
  expect(importsOf(source, file).filter((specifier) => leavesTheDomain(file, specifier))).toEqual([
    'node:fs', '@nestjs/common', 'better-sqlite3', 'pg', 'http', '#event-store', 'path', '<computed>', '#ledger',
  ]);
  expect(leavesTheDomain(file, '../../event-store/src/index.js')).toBe(true);
});
