import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AREA_REFERENCE_FILES } from '#domain';

/**
 * The project root: the nearest folder above this module that holds package.json. It is the same
 * folder whether the module runs from source (jest, ts) or compiled into dist/apps/api/src/…,
 * which matters because tsc copies no HTML, CSS or browser JavaScript into dist/.
 */
export function projectRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`socai dashboard: no package.json above ${fileURLToPath(from)}`);
    dir = parent;
  }
  return dir;
}

/** Where the dashboard's page, the area table and the bundled chart library are read from. */
export interface DashboardFiles {
  /** apps/api/src/dashboard/public in the source tree: the page's HTML, CSS and browser modules. */
  publicDir: string;
  /** The GSO tables before and from 2025-07-01 and the province succession: the picker shows both maps. */
  areasCsv: { until: string; from: string; succession: string };
  /** Chart.js's self-contained UMD build, served from node_modules: the machines are offline, so no CDN. */
  chartJs: string;
}

export function dashboardFiles(root: string = projectRoot()): DashboardFiles {
  return {
    publicDir: join(root, 'apps', 'api', 'src', 'dashboard', 'public'),
    areasCsv: {
      until: join(root, 'reference-data', AREA_REFERENCE_FILES.until),
      from: join(root, 'reference-data', AREA_REFERENCE_FILES.from),
      succession: join(root, 'reference-data', AREA_REFERENCE_FILES.succession),
    },
    chartJs: join(chartJsDist(root), 'chart.umd.min.js'),
  };
}

/**
 * chart.js's dist/ folder wherever npm placed the package. A missing package must not stop the
 * API from starting, so the usual place is assumed and the chart script alone answers 404.
 */
function chartJsDist(root: string): string {
  try {
    return dirname(createRequire(join(root, 'package.json')).resolve('chart.js'));
  } catch {
    return join(root, 'node_modules', 'chart.js', 'dist');
  }
}
