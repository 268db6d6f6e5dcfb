import { existsSync } from 'node:fs';
import { Command, CommandRunner, Option } from 'nest-commander';
import { configFromEnv, SocaiRuntime } from '#runtime';
import { monthAndAreaProblem } from '../cli-options.js';
import { EXIT } from '../exit-codes.js';
import { describeReconciliation } from '../payouts/describe-reconciliation.js';
import { ReconcileRefused, reconcileStatement, statementCommand } from '../payouts/reconcile-statement.js';

interface ReconcileFlags {
  month?: string;
  area?: string;
  agent?: string;
  statement?: string;
  statementRef?: string;
}

const USAGE = 'usage: socai reconcile --month YYYY-MM --area CODE --agent NAME --statement FILE.csv [--statement-ref REF]';

/**
 * `socai reconcile`: a payout agent's statement against the ledger's payments of the month and area,
 * recorded as PayoutsReconciled. Exit 0 recorded (or recorded before), 1 bad flags or a malformed
 * or refused statement (nothing recorded), 2 the store failed.
 */
@Command({ name: 'reconcile', description: 'Reconcile a payout agent\'s statement (CSV) with the ledger\'s payments of a month and area' })
export class ReconcileCommand extends CommandRunner {
  async run(_arguments: string[], flags: ReconcileFlags): Promise<void> {
    const problem = flagProblem(flags);
    if (problem) {
      process.stderr.write(`socai reconcile: ${problem}\n${USAGE}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    let runtime: SocaiRuntime | undefined;
    try {
      const command = await statementCommand({ month: flags.month!, area: flags.area!, agent: flags.agent!, statement: flags.statement!, statementRef: flags.statementRef });
      runtime = SocaiRuntime.open(configFromEnv());
      const { outcome, reconciliation } = await reconcileStatement(runtime, command, process.env.USER ?? 'cli');
      process.stdout.write(`${describeReconciliation(reconciliation, outcome)}\n`);
      process.exitCode = EXIT.ok;
    } catch (error) {
      if (error instanceof ReconcileRefused) {
        process.stderr.write(`socai reconcile: the statement was not recorded:\n${error.reasons.map((reason) => `  ${reason}`).join('\n')}\n`);
        process.exitCode = EXIT.usage;
      } else {
        process.stderr.write(`socai reconcile: ${(error as Error).message}\n`);
        process.exitCode = EXIT.integrity;
      }
    } finally {
      await runtime?.close();
    }
  }

  @Option({ flags: '--month <month>', description: 'payout month YYYY-MM' })
  parseMonth(value: string): string {
    return value;
  }

  @Option({ flags: '--area <code>', description: 'GSO code of the area the statement covers' })
  parseArea(value: string): string {
    return value;
  }

  @Option({ flags: '--agent <name>', description: 'payout agent, e.g. "Bưu điện Hướng Hóa"' })
  parseAgent(value: string): string {
    return value;
  }

  @Option({ flags: '--statement <file>', description: 'the statement: CSV with a header row paymentRef,personId,amount (or the JSON of the HTTP route)' })
  parseStatement(value: string): string {
    return value;
  }

  @Option({ flags: '--statement-ref <ref>', description: 'idempotency key (default AREA-MONTH-sha256-<first 16 hex digits of the file\'s SHA-256>)' })
  parseStatementRef(value: string): string {
    return value;
  }
}

function flagProblem(flags: ReconcileFlags): string | undefined {
  const period = monthAndAreaProblem(flags);
  if (period) return period;
  if (!flags.agent || flags.agent.trim() === '') return '--agent must name the payout agent';
  if (!flags.statement) return '--statement FILE is required';
  if (!existsSync(flags.statement)) return `no file ${flags.statement}`;
  return undefined;
}
