import { isIsoDate, isIsoMonth, todayUtc } from '#domain';
import { AREA_CODE } from '#ledger';
import { configFromEnv, SocaiRuntime } from '#runtime';
import { EXIT } from './exit-codes.js';

/** A usage error of `socai <command>`: the reason on stderr, exit 1 as the contract says. */
export function usage(command: string, message: string): never {
  process.stderr.write(`socai ${command}: ${message}\n`);
  process.exit(EXIT.usage);
}

export function dateArgument(command: string, value: string): string {
  if (!isIsoDate(value)) usage(command, `${value} is not a date YYYY-MM-DD`);
  return value;
}

export function wholeNumberArgument(command: string, value: string, min = 0): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < min) usage(command, `${value} is not a whole number ≥ ${min}`);
  return Number(value);
}

/**
 * A report's period: `--to` defaults to today, `--from` to 1 January of the year of `--to`; a
 * period that ends before it starts is a usage error (exit 1), as it is a 400 over HTTP.
 */
export function reportPeriod(flags: { from?: string; to?: string }, command = 'report'): { from: string; to: string } {
  const to = flags.to ?? todayUtc();
  const from = flags.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) usage(command, `--from ${from} is after --to ${to}`);
  return { from, to };
}

/** Opens the ledger from the SOCAI_* environment for one command and closes it afterwards. */
export async function withRuntime<T>(use: (runtime: SocaiRuntime) => Promise<T>): Promise<T> {
  const runtime = SocaiRuntime.open(configFromEnv());
  try {
    return await use(runtime);
  } finally {
    await runtime.close();
  }
}

/** What is wrong with a payout month and area given as flags (`--month`, `--area`), if anything. */
export function monthAndAreaProblem(flags: { month?: string; area?: string }): string | undefined {
  if (!flags.month || !isIsoMonth(flags.month)) return `--month must be a month YYYY-MM, not ${JSON.stringify(flags.month ?? '')}`;
  if (!flags.area || !AREA_CODE.test(flags.area)) return `--area must be a GSO code of 2, 3 or 5 digits, not ${JSON.stringify(flags.area ?? '')}`;
  return undefined;
}
