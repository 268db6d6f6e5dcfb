import type { IsoMonth } from '#domain';
import type { Agenda } from './agenda.js';
import type { BankStatements } from './bank-statements.js';
import type { Random } from './prng.js';
import type { Scenario } from './scenarios.js';
import type { World } from './world.js';

/**
 * Reference numbers are handed out when an entry is written, in file order, so they run without
 * gaps and the same seed always numbers the same facts the same way.
 */
export class References {
  private readonly counters = new Map<string, number>();

  private next(scope: string): number {
    const value = (this.counters.get(scope) ?? 0) + 1;
    this.counters.set(scope, value);
    return value;
  }

  /** Phiếu thu: one series a month, `PT-202301-000001`. */
  receipt(month: IsoMonth): string {
    return `PT-${month.replace('-', '')}-${String(this.next(`PT${month}`)).padStart(6, '0')}`;
  }

  /** Biên bản thanh tra: one series a year, `TT-2023-0001`. */
  inspection(year: string): string {
    return `TT-${year}-${String(this.next(`TT${year}`)).padStart(4, '0')}`;
  }
}

/** What every month's planner works with. */
export interface Planning {
  scenario: Scenario;
  world: World;
  agenda: Agenda;
  random: Random;
  references: References;
  /** Draws for the relocations after 2025-07-01, apart so that earlier runs draw as before. */
  relocations?: Random;
  /** With `--bank-statements`: takes the payments that arrive by bank transfer out of the command file. */
  bank?: BankStatements;
}
