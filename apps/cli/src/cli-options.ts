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

/** Flags refused before anything is opened: the problem and the usage line on stderr, exit 1. True if refused. */
export function refuseFlags(command: string, problem: string | undefined, usageLine: string): boolean {
  if (!problem) return false;
  process.stderr.write(`socai ${command}: ${problem}\n${usageLine}\n`);
  process.exitCode = EXIT.usage;
  return true;
}

/**
 * A one-shot command over the ledger: `work` opens the runtime when it needs it (`open`), which is
 * closed afterwards. Exit 0 when it is done; otherwise the error on stderr and exit 2 (the store
 * failed), unless `refusal` names it one of the command's own refusals, with its message and code.
 */
export async function runOnLedger(
  command: string,
  work: (open: () => SocaiRuntime) => Promise<number | void>,
  refusal?: (error: unknown) => { message: string; exitCode: number } | undefined,
): Promise<void> {
  let runtime: SocaiRuntime | undefined;
  try {
    // `work` may answer its own exit code (a partly refused batch); done is 0.
    process.exitCode = (await work(() => (runtime = SocaiRuntime.open(configFromEnv())))) ?? EXIT.ok;
  } catch (error) {
    const refused = refusal?.(error);
    process.stderr.write(`socai ${command}: ${refused?.message ?? (error as Error).message}\n`);
    process.exitCode = refused?.exitCode ?? EXIT.integrity;
  } finally {
    await runtime?.close();
  }
}
