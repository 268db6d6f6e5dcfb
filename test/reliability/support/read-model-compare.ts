import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAreaDirectory } from '#ledger';
import { openReadModels } from '#read-models';
import type { StoredEvent } from './ledger-audit.js';
import { checkpointWal } from './ledger-audit.js';
import { runSocai, socaiEnv } from './socai-process.js';

const areas = loadAreaDirectory();

/** The figures compared between two sets of read models: what a user would read. */
export interface ReadModelFigures {
  checkpoint: number;
  areaTotals: Record<string, unknown>;
  arrears: Record<string, unknown>;
}

/** The areas the events name, with their provinces (a province rolls its districts up). */
export function touchedAreas(events: StoredEvent[]): string[] {
  const codes = new Set<string>();
  for (const event of events) {
    const code = event.data?.areaCode;
    if (typeof code !== 'string') continue;
    codes.add(code);
    const province = areas.provinceOf(code);
    if (province) codes.add(province);
  }
  return [...codes].sort();
}

export function employersOf(events: StoredEvent[]): string[] {
  return [...new Set(events.filter((e) => e.type === 'EmployerRegistered').map((e) => e.data.unitCode as string))].sort();
}

/**
 * Reads, from the read models in `dataDir`, the totals of every area over `from..to` and on each
 * date of `asOfs`, and the arrears of every employer on each date.
 */
export async function readFigures(dataDir: string, areaCodes: string[], unitCodes: string[], window: { from: string; to: string }, asOfs: string[]): Promise<ReadModelFigures> {
  const models = openReadModels(dataDir, areas, { today: () => window.to });
  try {
    await (models as { ready?: () => Promise<void> }).ready?.();
    const areaTotals: Record<string, unknown> = {};
    for (const code of areaCodes) {
      areaTotals[`${code} ${window.from}..${window.to}`] = await models.queries.areaTotals(code, window.from, window.to);
      for (const asOf of asOfs) areaTotals[`${code} ..${asOf}`] = await models.queries.areaTotals(code, window.from, asOf);
    }
    const arrears: Record<string, unknown> = {};
    for (const unitCode of unitCodes) for (const asOf of asOfs) arrears[`${unitCode} ${asOf}`] = await models.queries.employerArrears(unitCode, asOf);
    return { checkpoint: await models.projector.position(), areaTotals, arrears };
  } finally {
    await models.close();
  }
}

/**
 * Copies the event file of `dataDir` (no process may be writing to it) into a fresh directory and
 * runs `socai rebuild` there: the read models a clean replay of the same log gives.
 */
export async function rebuildCopy(dataDir: string): Promise<string> {
  const source = join(dataDir, 'events.sqlite');
  checkpointWal(source);
  const copy = mkdtempSync(join(tmpdir(), 'socai-rebuilt-'));
  copyFileSync(source, join(copy, 'events.sqlite'));
  const { code, output } = await runSocai(['rebuild'], socaiEnv(copy));
  if (code !== 0) throw new Error(`socai rebuild failed (${code}):\n${output}`);
  return copy;
}
