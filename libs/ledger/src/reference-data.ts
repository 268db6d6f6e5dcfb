import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AreaDirectory } from '#domain';

/** The project root: the nearest folder above this file that holds reference-data/. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'reference-data')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/**
 * Loads the GSO area tables shipped in reference-data/ (source and licence in its README): the
 * districts until 2025-06-30, the communes from 2025-07-01, and which current province took over each
 * old one (Nghị quyết 202/2025/QH15).
 */
export function loadAreaDirectory(root = projectRoot()): AreaDirectory {
  const read = (name: string) => readFileSync(join(root, 'reference-data', name), 'utf8');
  return AreaDirectory.fromCsv(read('areas-until-2025-06-30.csv'), read('areas-from-2025-07-01.csv'), read('province-succession-2025-07-01.csv'));
}
