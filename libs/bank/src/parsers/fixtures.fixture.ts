import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A file of libs/bank/src/fixtures as the bytes a bank gave. */
export function fixture(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)));
}
