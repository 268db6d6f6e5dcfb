import { readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The two apps share code only through the libs (#runtime, #ledger, …): no file under apps/cli imports
 * one under apps/api, and none under apps/api one under apps/cli, by any path (`../../../api/src/…`,
 * an absolute path, the compiled `dist/apps/…`). Otherwise a change inside one app breaks the other
 * unseen, and the CLI would load the whole HTTP app to run a one-shot command. Specs count too. The
 * imports are read by TypeScript's parser, so every form counts (see libs/domain/src/purity.spec.ts);
 * a dynamic import of a computed name is refused as well, since it could cross unseen.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const appsDir = join(root, 'apps');
const APPS = readdirSync(appsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier the source names; `<computed>` for a dynamic import or require of a non-literal. */
function importsOf(source: string, fileName: string): string[] {
  const found: string[] = [];
  const literal = (node: ts.Node | undefined) => (node && ts.isStringLiteralLike(node) ? node.text : '<computed>');
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) found.push(literal(node.moduleSpecifier));
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) found.push(literal(node.moduleReference.expression));
    else if (ts.isImportTypeNode(node)) found.push(literal(ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined));
    else if (ts.isCallExpression(node)) {
      const dynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const requireCall = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (dynamicImport || requireCall) found.push(literal(node.arguments[0]));
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  return found;
}

/** The app under apps/ that a path lies in, the compiled copy (dist/apps/…) counted as the app itself. */
function appOf(path: string): string | undefined {
  const parts = relative(root, path).split(sep);
  const at = parts[0] === 'dist' ? 1 : 0;
  return parts[at] === 'apps' && parts.length > at + 2 ? parts[at + 1] : undefined;
}

/** The other app a specifier of `file` reaches, or `<computed>` for a name no reader can check. */
function crossing(file: string, specifier: string): string | undefined {
  if (specifier === '<computed>') return specifier;
  if (!specifier.startsWith('.') && !isAbsolute(specifier)) return undefined;
  const target = appOf(resolve(dirname(file), specifier));
  return target !== undefined && target !== appOf(file) ? target : undefined;
}

function offendersIn(file: string, source: string): string[] {
  return importsOf(source, file)
    .filter((specifier) => crossing(file, specifier) !== undefined)
    .map((specifier) => `${relative(root, file)} imports ${specifier}`);
}

it('no app imports a file of another app', () => {
  // The walk found both apps' sources (a wrong path would check nothing and pass).
  expect(APPS).toEqual(expect.arrayContaining(['api', 'cli']));
  const files = sources(appsDir);
  expect(files.map((file) => relative(root, file))).toEqual(expect.arrayContaining(['apps/api/src/main.ts', 'apps/cli/src/main.ts']));
  const offenders = files.flatMap((file) => offendersIn(file, readFileSync(file, 'utf8')));
  expect(offenders).toEqual([]);
});

it('finds a crossing by any path and in any form, and lets the libs and the app itself through', () => {
  const file = join(root, 'apps', 'cli', 'src', 'commands', 'example.ts');
  const source = [
    `import { configFromEnv } from '../../../api/src/config.js';`,
    `import type { Role } from "../../../api/src/auth/roles.js";`,
    `export { serve } from '../../../../apps/api/src/serve.js';`,
    `const main = await import('../../../../dist/apps/api/src/main.js');`,
    `const hidden = await import(apiMain);`,
    `type App = import('../../../api/src/app.module.js').AppModule;`,
    `import { SocaiRuntime } from '#runtime';`,
    `import { EXIT } from '../exit-codes.js';`,
    `import { Ledger } from '../../../../libs/ledger/src/index.js';`,
    `import { Command } from 'nest-commander';`,
  ].join('\n');
  expect(offendersIn(file, source)).toEqual([
    'apps/cli/src/commands/example.ts imports ../../../api/src/config.js',
    'apps/cli/src/commands/example.ts imports ../../../api/src/auth/roles.js',
    'apps/cli/src/commands/example.ts imports ../../../../apps/api/src/serve.js',
    'apps/cli/src/commands/example.ts imports ../../../../dist/apps/api/src/main.js',
    'apps/cli/src/commands/example.ts imports <computed>',
    'apps/cli/src/commands/example.ts imports ../../../api/src/app.module.js',
  ]);
  const fromApi = join(root, 'apps', 'api', 'src', 'example.ts');
  expect(offendersIn(fromApi, `import { usage } from '../../cli/src/cli-options.js';\nimport { AppModule } from './app.module.js';`)).toEqual([
    'apps/api/src/example.ts imports ../../cli/src/cli-options.js',
  ]);
});
