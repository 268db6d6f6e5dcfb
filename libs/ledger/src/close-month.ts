import { lastDayOf, type CloseMonth, type EmployerRegistered } from '#domain';
import type { CommandContext } from './command-context.js';
import type { Ledger, LedgerAreas } from './ledger.js';

/** What a month-end close did, employer by employer. */
export interface CloseMonthReport extends CloseMonth {
  /** Employers of the area registered by the month's end. */
  employers: number;
  /** LateInterestCharged recorded now. */
  charged: number;
  /** Charged by an earlier close of the same month and area: nothing new. */
  duplicates: number;
  /** Nothing late to charge (or charged up to the month's end already). */
  nothingToCharge: number;
  /** Refused for another reason (a key held with other content, an area the caller may not reach). */
  refused: { unitCode: string; code: string; message: string }[];
  /** Position of the last event recorded, 0 when none. */
  lastPosition: number;
}

const PAGE = 5_000;

/**
 * The month-end close of an area (issue 22 item 3): for every employer registered in the area by the
 * month's end, a `ChargeLateInterest` through the ledger's pipeline as one batch, each keyed by
 * month+areaCode+unitCode, so a second close of the same month and area records nothing. Employers
 * are found in the log (their registrations), not in a read model that may lag behind.
 */
export async function closeMonth(ledger: Ledger, areas: Pick<LedgerAreas, 'isWithin'>, command: CloseMonth, context: CommandContext): Promise<CloseMonthReport> {
  const monthEnd = lastDayOf(command.month);
  const unitCodes: string[] = [];
  for (let position = 1; ; ) {
    const page = await ledger.store.readAll({ fromPosition: position, limit: PAGE, types: ['EmployerRegistered'] });
    for (const event of page) {
      const registered = event.data as EmployerRegistered;
      if (registered.registeredOn <= monthEnd && areas.isWithin(registered.areaCode, command.areaCode)) unitCodes.push(registered.unitCode);
    }
    if (page.length < PAGE) break;
    position = page[page.length - 1].position + 1;
  }
  const report: CloseMonthReport = { ...command, employers: unitCodes.length, charged: 0, duplicates: 0, nothingToCharge: 0, refused: [], lastPosition: 0 };
  await ledger.batch<string>(context, {
    recorded: (_unitCode, _events, lastPosition) => {
      report.charged++;
      report.lastPosition = Math.max(report.lastPosition, lastPosition);
    },
    duplicate: () => {
      report.duplicates++;
    },
    refused: (unitCode, code, message) => {
      if (code === 'NOTHING_TO_CHARGE') report.nothingToCharge++;
      else report.refused.push({ unitCode, code, message });
    },
  }, {}, async (batch) => {
    for (const unitCode of unitCodes) await batch.add(unitCode, { command: 'ChargeLateInterest', data: { ...command, unitCode } });
  });
  return report;
}
