import { writeFileSync } from 'node:fs';
import { generateCommands } from '../../../apps/cli/src/generate/index.js';

export interface GeneratedFile {
  path: string;
  text: string;
  lines: number;
}

/** Writes a deterministic generated command file (Quảng Trị demo scenario) and returns it. */
export function writeGeneratedFile(path: string, options: { seed: number; employers: number; persons: number; months: number }): GeneratedFile {
  const lines = [...generateCommands({ scenario: 'demo', ...options })];
  const text = lines.join('\n') + '\n';
  writeFileSync(path, text);
  return { path, text, lines: lines.length };
}
