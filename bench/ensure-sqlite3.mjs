// Emmett's SQLite store runs on the `sqlite3` package, whose native part npm 11 does not build on
// install (only better-sqlite3 is in package.json's allowScripts, to keep `npm ci` short). The
// benchmark builds it once, on first use.
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  require('sqlite3');
} catch {
  process.stderr.write('bench: building the sqlite3 native module for the Emmett reference (once, about a minute)…\n');
  execSync('npm rebuild sqlite3 --foreground-scripts', { stdio: 'inherit' });
}
