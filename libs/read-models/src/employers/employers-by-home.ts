import type { IsoDate } from '#domain';
import type { AreaScope } from '../area-scope.js';
import { decodeCursor } from '../arrears/arrears-worklist.js';
import type { ReadModelDb } from '../database/read-model-db.js';
import type { ReadModelAreas } from '../ports.js';

export interface EmployersByHomeRequest {
  area?: string;
  /** `abolished`: homed in a code that ceased on 2025-07-01, so a clerk should assign a commune. */
  homedIn?: 'abolished' | 'current';
  limit?: number;
  cursor?: string;
}

export interface EmployerHome {
  unitCode: string;
  name: string;
  /** The home as recorded: the latest relocation, else the area registered with. */
  areaCode: string;
  homedIn: 'abolished' | 'current';
  /** Where an abolished home's facts count meanwhile: its successor province. */
  successorAreaCode?: string;
}

export interface EmployersByHome {
  items: EmployerHome[];
  nextCursor: string | null;
}

/**
 * `GET /api/employers?area&homedIn`: the employers of an area by their recorded home on `today`,
 * by unit code. The clerks' worklist of the 2025 reorganisation is `homedIn=abolished`: employers
 * still homed in an old district or province, counted meanwhile in the successor province (issue 28).
 */
export async function employersByHome(
  db: ReadModelDb,
  areas: ReadModelAreas,
  scope: AreaScope,
  today: IsoDate,
  request: EmployersByHomeRequest,
): Promise<EmployersByHome> {
  const limit = request.limit ?? 50;
  const offset = request.cursor ? (decodeCursor(request.cursor) ?? 0) : 0;
  // Communes (5 digits) never ceased: the abolished list need not look at them.
  const narrow = request.homedIn === 'abolished' ? ' AND LENGTH(e.area_code) < 5' : '';
  const rows = await db.query<{ unitCode: string; name: string; areaCode: string }>(
    `SELECT e.unit_code AS "unitCode", e.name, e.area_code AS "areaCode" FROM employers e WHERE ${scope.where('e')}${narrow} ORDER BY e.unit_code`,
    scope.params,
  );
  const homes = rows.map((row) => homeOf(areas, row, today)).filter((home) => !request.homedIn || home.homedIn === request.homedIn);
  return {
    items: homes.slice(offset, offset + limit),
    nextCursor: offset + limit < homes.length ? Buffer.from(JSON.stringify({ offset: offset + limit })).toString('base64url') : null,
  };
}

function homeOf(areas: ReadModelAreas, row: { unitCode: string; name: string; areaCode: string }, today: IsoDate): EmployerHome {
  const supersededBy = areas.succession.areaValidOn(row.areaCode, today).supersededBy;
  const base = { unitCode: row.unitCode, name: row.name, areaCode: row.areaCode };
  return supersededBy ? { ...base, homedIn: 'abolished', successorAreaCode: supersededBy } : { ...base, homedIn: 'current' };
}
