import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module.js';
import { EXIT } from './exit-codes.js';

// Usage errors (unknown command or option, missing argument) exit 1 as the contract says.
await CommandFactory.run(CliModule, {
  logger: ['error', 'warn'],
  errorHandler: (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT.usage);
  },
  serviceErrorHandler: (error) => {
    process.stderr.write(`socai: ${error.message}\n`);
    process.exit(EXIT.integrity);
  },
});
