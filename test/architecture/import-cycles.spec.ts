import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * No file under libs/ or apps/ reaches itself through relative imports. A cycle makes the order in
 * which ESM evaluates modules matter (a `const` read before it is set), and it is the sign of a folder
 * that does not know which way it depends: read-models' schema/ was one, closed by a type import. Every
 * form counts, `import type` and `export … from` included, as TypeScript's parser reads them. Package
 * aliases (`#domain`) are left out: each lib's index is its public face, and a lib importing its own
 * alias would be caught by its own relative imports.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The relative module specifiers a source names, in every form of import and re-export. */
function relativeImports(source: string, fileName: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    let specifier: ts.Node | undefined;
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) specifier = node.moduleSpecifier;
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) specifier = node.moduleReference.expression;
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) specifier = node.argument.literal;
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) specifier = node.arguments[0];
    if (specifier && ts.isStringLiteralLike(specifier) && /^\.\.?\//.test(specifier.text)) found.push(specifier.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  return found;
}

/** The .ts file a specifier names (`./x.js` is `./x.ts` at compile time), or undefined outside the sources. */
function resolveImport(file: string, specifier: string): string | undefined {
  const base = resolve(dirname(file), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((candidate) => candidate.endsWith('.ts') && existsSync(candidate));
}

function importGraph(files: readonly string[], read = (file: string) => readFileSync(file, 'utf8')): Map<string, string[]> {
  const known = new Set(files);
  return new Map(files.map((file) => [
    file,
    relativeImports(read(file), file).map((s) => resolveImport(file, s)).filter((t): t is string => t !== undefined && known.has(t)),
  ]));
}

/** Every cycle, one per strongly connected group (Tarjan), each as the files in import order back to the first. */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || (graph.get(node) ?? []).includes(node)) groups.push(group);
  };
  for (const node of graph.keys()) if (!index.has(node)) connect(node);
  return groups.map((group) => oneCycle(graph, new Set(group)));
}

/** A shortest path from the group's first file back to itself, staying inside the group. */
function oneCycle(graph: Map<string, string[]>, group: Set<string>): string[] {
  const start = [...group].sort()[0]!;
  const from = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!group.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(from.get(path[0]!)!);
        return [...path, start];
      }
      if (!from.has(next)) {
        from.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

it('libs/ and apps/ have no import cycle', () => {
  const files = [...sources(join(root, 'libs')), ...sources(join(root, 'apps'))];
  // The walk found the sources (a wrong path would check nothing and pass).
  expect(files.map((file) => relative(root, file))).toEqual(
    expect.arrayContaining(['libs/read-models/src/index.ts', 'libs/domain/src/index.ts', 'apps/api/src/main.ts']),
  );
  const cycles = cyclesOf(importGraph(files)).map((cycle) => cycle.map((file) => relative(root, file)).join(' → '));
  expect(cycles).toEqual([]);
});

it('names the files of a cycle, type imports and re-exports included', () => {
  const sourcesByFile: Record<string, string> = {
    '/x/a.ts': `import { b } from './b.js';`,
    '/x/b.ts': `export { c } from './sub/c.js';`,
    '/x/sub/c.ts': `import type { A } from '../a.js';`,
    '/x/d.ts': `import { a } from './a.js';`,
  };
  const files = Object.keys(sourcesByFile);
  const graph = new Map(files.map((file) => [file, relativeImports(sourcesByFile[file]!, file).map((s) => resolve(dirname(file), s).replace(/\.js$/, '.ts'))]));
  expect(cyclesOf(graph)).toEqual([['/x/a.ts', '/x/b.ts', '/x/sub/c.ts', '/x/a.ts']]);
});
