// Runs one benchmark case (`bench/cases/<name>.mjs`) in a child process of its own, so that each peak
// RSS is its own, and answers the metrics of the last JSON line it prints.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importHeapFlags } from '../../bin/heap-limits.js';

export const benchRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function note(text) {
  process.stderr.write(`bench: ${text}\n`);
}

export function runCase(name, args) {
  const argv = Object.entries(args).flatMap(([k, v]) => [`--${k}`, String(v)]);
  // `socai import` runs under the heap limits its launcher gives it (bin/heap-limits.js): so does its case.
  const nodeFlags = name === 'import' ? importHeapFlags() : [];
  note(`${name} ${[...nodeFlags, ...argv].join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, join('bench', 'cases', `${name}.mjs`), ...argv], { cwd: benchRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').filter((l) => l.startsWith('{"case"')).pop();
      if (code !== 0 || !last) return reject(new Error(`bench case ${name} failed (exit ${code})\n${out}`));
      resolve(JSON.parse(last).metrics);
    });
  });
}
