import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module.js';
import { EXIT } from './exit-codes.js';

/** Parses the command line with nest-commander and runs its command. */
export async function runCommandLine(): Promise<void> {
  // Usage errors (unknown command or option, missing argument) exit 1 as the contract says.
  await CommandFactory.run(CliModule, {
    logger: ['error', 'warn'],
    errorHandler: (error) => {
      // `--help` reaches here too, as commander's signal with exit code 0: it is not an error.
      const { exitCode, code } = error as { exitCode?: number; code?: string };
      if (exitCode === 0) process.exit(EXIT.ok);
      // commander has already written its own message ("error: unknown command …").
      if (!code?.startsWith('commander.')) process.stderr.write(`${error.message}\n`);
      process.exit(EXIT.usage);
    },
    serviceErrorHandler: (error) => {
      process.stderr.write(`socai: ${error.message}\n`);
      process.exit(EXIT.integrity);
    },
  });
}
