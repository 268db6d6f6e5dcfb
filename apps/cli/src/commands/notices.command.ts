import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command, CommandRunner, Option } from 'nest-commander';
import { isIsoMonth, lastDayOf, streams, type EmployerRegistered } from '#domain';
import { monthlyNotice, renderNoticePdf } from '#read-models';
import type { SocaiRuntime } from '#runtime';
import { refuseFlags, runOnLedger } from '../cli-options.js';
import { EXIT } from '../exit-codes.js';

interface NoticesFlags {
  month?: string;
  area?: string;
  out?: string;
}

const USAGE = 'usage: socai notices --month YYYY-MM --area CODE --out DIR';
const PAGE = 5_000;

/**
 * `socai notices`: the monthly notice (C12-TS) of every employer registered in an area by the
 * month's end, one PDF each (`{unitCode}-{month}.pdf` in DIR), as `GET …/notices/{month}?format=pdf`
 * renders it. The employers are found in the log's registrations, as the month-end close finds them.
 * Exit 0 done, 1 bad arguments or unknown area, 2 the store failed.
 */
@Command({ name: 'notices', description: "Write the monthly notice (C12-TS) of each employer of an area as a PDF, with a progress bar" })
export class NoticesCommand extends CommandRunner {
  async run(_: string[], flags: NoticesFlags): Promise<void> {
    const problem = !isIsoMonth(flags.month) ? '--month must be a month YYYY-MM'
      : !flags.area || !/^(\d{2}|\d{3}|\d{5})$/.test(flags.area) ? '--area must be a GSO area code of 2, 3 or 5 digits'
        : !flags.out ? '--out DIR is required' : undefined;
    if (refuseFlags('notices', problem, USAGE)) return;
    const { month, area, out } = flags as Required<NoticesFlags>;
    await runOnLedger('notices', async (open) => {
      const runtime = open();
      if (!runtime.areas.findAny(area)) {
        process.stderr.write(`socai notices: no area ${area}\n${USAGE}\n`);
        return EXIT.usage;
      }
      await runtime.readModels.projector.catchUp(runtime.store);
      const unitCodes = await employersOf(runtime, area, lastDayOf(month));
      mkdirSync(out, { recursive: true });
      // noTTYOutput: a run from cron or a pipe still logs its progress (every few seconds and at the end).
      const bar = new SingleBar({
        format: 'notices |{bar}| {value}/{total} employers ETA {eta_formatted}', hideCursor: true, stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5_000,
      }, Presets.shades_classic);
      bar.start(unitCodes.length, 0);
      const sources = {
        employerArrears: (code: string, asOf: string) => runtime.readModels.queries.employerArrears(code, asOf),
        employerFacts: (code: string) => runtime.store.readStream(streams.employer(code)),
      };
      let written = 0;
      for (const unitCode of unitCodes) {
        const notice = await monthlyNotice(sources, unitCode, month);
        if (notice) {
          writeFileSync(join(out, `${unitCode}-${month}.pdf`), await renderNoticePdf(notice));
          written++;
        }
        bar.increment();
      }
      bar.stop();
      process.stdout.write(`wrote ${written} notices for ${month}, area ${area}, to ${out}\n`);
    });
  }

  @Option({ flags: '--month <month>', description: 'the month of the notices, YYYY-MM' })
  parseMonth(value: string): string {
    return value;
  }

  @Option({ flags: '--area <code>', description: 'GSO code of the area whose employers get a notice' })
  parseArea(value: string): string {
    return value;
  }

  @Option({ flags: '--out <dir>', description: 'directory to write the PDFs to (created if missing)' })
  parseOut(value: string): string {
    return value;
  }
}

/** Employers registered in the area by `monthEnd`, in unit-code order, from the log's registrations. */
async function employersOf(runtime: SocaiRuntime, area: string, monthEnd: string): Promise<string[]> {
  const unitCodes = new Set<string>();
  for (let position = 1; ; ) {
    const page = await runtime.store.readAll({ fromPosition: position, limit: PAGE, types: ['EmployerRegistered'] });
    for (const event of page) {
      const registered = event.data as EmployerRegistered;
      if (registered.registeredOn <= monthEnd && runtime.areas.isWithin(registered.areaCode, area)) unitCodes.add(registered.unitCode);
    }
    if (page.length < PAGE) break;
    position = page[page.length - 1].position + 1;
  }
  return [...unitCodes].sort();
}
