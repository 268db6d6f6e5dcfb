import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * libs/bank is pure: it reads statements handed to it as a string or Buffer and decides matches, with
 * no file system, network, database, Nest or other library of the monorepo. It may use the parsing
 * and money libraries named here and node:crypto (a digest is a computation, not I/O). Fixture
 * helpers (`*.fixture.ts`) and specs may read files.
 */
const here = dirname(fileURLToPath(import.meta.url));
const ALLOWED = ['decimal.js', 'fast-xml-parser', 'csv-parse/sync', 'csv-stringify/sync', 'exceljs', 'node:crypto'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.fixture.ts') ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  const found: string[] = [];
  const literal = (node: ts.Node | undefined) => (node && ts.isStringLiteralLike(node) ? node.text : '<computed>');
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) found.push(literal(node.moduleSpecifier));
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      found.push(literal(node.arguments[0]));
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('file.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  return found;
}

it('imports nothing but itself, its parsing and money libraries and node:crypto', () => {
  const files = sources(here);
  expect(files.map((file) => relative(here, file))).toEqual(expect.arrayContaining(['index.ts', 'parsers/camt053.ts', 'matching/match-credit.ts']));
  const offenders = files.flatMap((file) =>
    importsOf(readFileSync(file, 'utf8'))
      .filter((spec) => {
        if (ALLOWED.includes(spec)) return false;
        if (!spec.startsWith('./') && !spec.startsWith('../')) return true;
        const target = resolve(dirname(file), spec);
        return !target.startsWith(`${here}/`);
      })
      .map((spec) => `${relative(here, file)} imports ${spec}`),
  );
  expect(offenders).toEqual([]);
});
