#!/usr/bin/env node
// Bundles the API's compiled entry (dist/apps/api/src/main.js) into one ES module, dist/bundle/serve.js,
// which `socai serve` starts when it is there (bin/socai.js). `npm run build` runs this after tsc.
//
// Why: a start of the server spent most of its time in Node 20's ES module loader, which pays for each
// of about 1,400 modules (resolve, read, compile, link) before the first request can be answered
// (issue 23, `/health` within 2 s; docs/decisions.md, "The server starts from a bundle"). One file
// costs one of each. Nothing is transformed but the module format: the code is tsc's output.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist', 'apps', 'api', 'src', 'main.js');
const outfile = join(root, 'dist', 'bundle', 'serve.js');

// esbuild's binary comes as an optional dependency: an install that skipped optional packages (or a
// node_modules copied from another platform) has none. The bundle only makes the start faster, and the
// launcher starts from dist/ without it, so its absence must not fail the build (nor `npm ci`'s prepare).
let build;
try {
  ({ build } = await import('esbuild'));
} catch (error) {
  console.error(`bundle: esbuild is not usable here (${error.message.split('\n')[0]}); socai serve will start from dist/`);
  process.exit(0);
}

if (!existsSync(entry)) {
  console.error(`bundle: ${entry} is missing: run tsc first (npm run build)`);
  process.exit(1);
}

/**
 * Left out of the bundle and loaded from node_modules at run time, by the banner's `require` or the
 * code's own `createRequire`:
 * - better-sqlite3: a native addon, found through its package's own path;
 * - pdfkit (loaded on the first notice) and exceljs (the first spreadsheet): large, loaded late, and
 *   pdfkit reads its font metrics beside its own files through `__dirname`;
 * - pino-pretty: loaded only for readable logs (libs/runtime/src/logger.ts);
 * - pg-native, and the packages that Nest and its swagger module import only if installed (microservices,
 *   websockets, the fastify adapter's static files): their absence is expected where they are imported.
 */
const external = [
  'better-sqlite3',
  'pdfkit',
  'exceljs',
  'pino-pretty',
  'pg-native',
  '@nestjs/microservices',
  '@nestjs/microservices/*',
  '@nestjs/websockets/*',
  '@fastify/static',
];

/**
 * Each module keeps its own `import.meta.url` (and `__filename`/`__dirname` for CommonJS): the code finds
 * its worker scripts (`new URL('./x.worker.js', import.meta.url)`), the reference data and the dashboard's
 * files relative to itself, and those stay where tsc and npm put them. The worker threads run their
 * unbundled scripts: each loads only its own part, and starts after the server listens. The location is
 * written relative to the bundle's own URL, so a project moved elsewhere whole (a container's build stage
 * copied into the image) still finds its files.
 */
const ownLocation = {
  name: 'own-location',
  setup(build) {
    const bundleDir = dirname(outfile);
    build.onLoad({ filter: /\.(c|m)?js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const relativeUrl = relative(bundleDir, args.path).split(sep).map(encodeURIComponent).join('/');
      const url = `__socaiUrl(${JSON.stringify(relativeUrl)})`;
      const file = `__socaiPath(${JSON.stringify(relativeUrl)})`;
      const dir = `__socaiPath(${JSON.stringify(relativeUrl.replace(/[^/]*$/, ''))})`;
      let contents = source.replaceAll('import.meta.url', url).replaceAll('import.meta.filename', file).replaceAll('import.meta.dirname', dir);
      // Not where a module declares its own (an ES module's `const __dirname = …`).
      if (/\b__(dirname|filename)\b/.test(source) && !/(var|let|const|function)\s+__(dirname|filename)\b/.test(source)) {
        contents = `var __filename = ${file}, __dirname = ${dir};\n${contents}`;
      }
      return contents === source ? undefined : { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * Packages left out that the code imports statically but only from modules it imports on demand: the
 * EventStoreDB client (gRPC and protobufs), imported by the adapter that `import('./adapter.js')` loads
 * for a server on EventStoreDB. Left external, esbuild would hoist its `import` to the bundle's top and
 * every server would load it at start; required through a one-line CommonJS module instead, it is loaded
 * when the module that imports it first runs, as from dist/.
 */
const requiredOnDemand = {
  name: 'required-on-demand',
  setup(build) {
    build.onResolve({ filter: /^@eventstore\/db-client$/ }, (args) => (args.namespace === 'on-demand' ? { path: args.path, external: true } : { path: args.path, namespace: 'on-demand' }));
    build.onLoad({ filter: /.*/, namespace: 'on-demand' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/**
 * The bundle's first lines: `require` for the CommonJS parts (Node's built-ins and the packages left out
 * above), and the two helpers that turn a module's location relative to the bundle into a URL or a path.
 */
const banner = [
  "import { createRequire as __socaiCreateRequire } from 'node:module';",
  "import { fileURLToPath as __socaiFileUrlToPath } from 'node:url';",
  'const require = __socaiCreateRequire(import.meta.url);',
  'const __socaiUrl = (relative) => new URL(relative, import.meta.url).href;',
  'const __socaiPath = (relative) => __socaiFileUrlToPath(new URL(relative, import.meta.url)).replace(/[\\/\\\\]$/, "");',
].join('\n');

const started = Date.now();
const result = await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Nest and class-validator read classes' names (providers, metadata, error messages): minifying them is not safe.
  keepNames: true,
  external,
  banner: { js: banner },
  // Stack traces point into tsc's output through the chained maps with `node --enable-source-maps`.
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [requiredOnDemand, ownLocation],
});
const inputs = Object.keys(result.metafile.inputs).length;
console.log(`bundle: ${outfile} (${inputs} modules, ${(statSync(outfile).size / 1e6).toFixed(1)} MB) in ${Date.now() - started} ms`);
