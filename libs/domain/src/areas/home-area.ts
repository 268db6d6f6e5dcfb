import type { IsoDate } from '../calendar.js';
import type { AreaSuccession } from './area-succession.js';

/** A clerk's dated decision that an employer or person is homed in another area from `effectiveOn`. */
export interface Relocation {
  areaCode: string;
  effectiveOn: IsoDate;
}

/** Where an employer or person stands on a date, for the worklist of who still needs a commune. */
export interface HomeStatus {
  /** The home as recorded: the latest relocation in force, else the code registered with. */
  areaCode: string;
  /** `abolished` when that code is no longer in force on the date, so a clerk should relocate. */
  homedIn: 'abolished' | 'current';
  /** Where the facts count meanwhile: the successor of an abolished home. */
  successorAreaCode?: string;
}

/** The recorded home on `date`: the relocation in force (latest `effectiveOn` not after the date), else `homeCode`. */
export function recordedHomeOn(homeCode: string, date: IsoDate, relocations: readonly Relocation[]): string {
  let home: Relocation | undefined;
  for (const relocation of relocations) {
    if (relocation.effectiveOn <= date && (!home || relocation.effectiveOn >= home.effectiveOn)) home = relocation;
  }
  return home?.areaCode ?? homeCode;
}

/**
 * The area where an employer or person homed in `homeCode` counts on `date`: the dated relocations
 * first; a home abolished on 2025-07-01 counts in its successor province from that day at once, so no
 * fact after it lands in an abolished area even before a clerk assigns a commune. A code no table knows
 * is kept as recorded: the ledger accepted it when it was recorded, and dropping it would lose the fact.
 */
export function homeAreaOn(succession: Pick<AreaSuccession, 'successorOn'>, homeCode: string, date: IsoDate, relocations: readonly Relocation[] = []): string {
  const recorded = recordedHomeOn(homeCode, date, relocations);
  return succession.successorOn(recorded, date) ?? recorded;
}

/** The worklist row of `GET /api/employers?homedIn=`: the recorded home, whether it is abolished, and its successor. */
export function homeStatusOn(succession: AreaSuccession, homeCode: string, date: IsoDate, relocations: readonly Relocation[] = []): HomeStatus {
  const areaCode = recordedHomeOn(homeCode, date, relocations);
  const validity = succession.areaValidOn(areaCode, date);
  if (validity.supersededBy) return { areaCode, homedIn: 'abolished', successorAreaCode: validity.supersededBy };
  return { areaCode, homedIn: 'current' };
}
