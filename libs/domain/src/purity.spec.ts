import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * libs/domain stays pure: no Nest, no database, no HTTP, no file system or other Node I/O, and no
 * other library of the monorepo. Specs may read fixtures; production files may not.
 */
const here = dirname(fileURLToPath(import.meta.url));
const FORBIDDEN = /from '(node:[^']+|fs|path|http|@nestjs\/[^']+|better-sqlite3|pg|@eventstore\/[^']+|express|#(event-store|ledger|read-models)[^']*)'/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

it('imports nothing but itself and decimal.js', () => {
  const offenders = sources(here)
    .map((file) => [relative(here, file), readFileSync(file, 'utf8').match(FORBIDDEN)?.[1]] as const)
    .filter(([, found]) => found !== undefined);
  expect(offenders).toEqual([]);
});

it('would catch an import of the file system', () => {
  expect("import { readFileSync } from 'node:fs';").toMatch(FORBIDDEN);
  expect("import { Injectable } from '@nestjs/common';").toMatch(FORBIDDEN);
});
