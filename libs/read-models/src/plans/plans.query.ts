import type { IsoDate, Money } from '#domain';
import type { ReadModelDb } from '../database/read-model-db.js';

export interface PlanInForce {
  eventId: string;
  position: number;
  year: number;
  areaCode: string;
  assignedOn: IsoDate;
  targets: {
    collection: Money;
    participants: { mandatorySocialInsurance: number; voluntarySocialInsurance: number; unemploymentInsurance: number; healthInsurance: number };
  };
  labourForce: number;
  population: number;
}

interface PlanRow {
  event_id: string; position: number; year: number; area_code: string; assigned_on: string; target_collection: string;
  target_mandatory: number; target_voluntary: number; target_unemployment: number; target_health: number;
  labour_force: number; population: number;
}

/**
 * The plan in force for a year and area on a date: the unreversed PlanAssigned with the latest
 * `assignedOn` not after that date (a later assignment replaces the earlier one; contract.md).
 */
export async function planInForce(db: ReadModelDb, year: number, areaCode: string, asOf: IsoDate): Promise<PlanInForce | undefined> {
  const row = await db.queryOne<PlanRow>(
    `SELECT * FROM plans WHERE year = ? AND area_code = ? AND assigned_on <= ? AND reversed_on IS NULL
     ORDER BY assigned_on DESC, position DESC LIMIT 1`,
    [year, areaCode, asOf],
  );
  if (!row) return undefined;
  return {
    eventId: row.event_id,
    position: row.position,
    year: row.year,
    areaCode: row.area_code,
    assignedOn: row.assigned_on,
    targets: {
      collection: row.target_collection,
      participants: {
        mandatorySocialInsurance: row.target_mandatory,
        voluntarySocialInsurance: row.target_voluntary,
        unemploymentInsurance: row.target_unemployment,
        healthInsurance: row.target_health,
      },
    },
    labourForce: row.labour_force,
    population: row.population,
  };
}
