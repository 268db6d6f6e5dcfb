import 'reflect-metadata';
import { EXIT } from './exit-codes.js';

const args = process.argv.slice(2);

if (args.length === 1 && args[0] === 'serve') {
  // `socai serve` alone starts the API's own entry, as its command would, without the command line's
  // framework and every other command's modules, which took most of a start (docs/benchmarks.md,
  // "Start-up time"). Any flag (`serve --help`) goes the usual way below, so commander answers it.
  const { startApiServer } = await import('#runtime');
  try {
    await startApiServer();
  } catch (error) {
    // As the command line's service error handler below says it.
    process.stderr.write(`socai: ${(error as Error).message}\n`);
    process.exit(EXIT.integrity);
  }
} else {
  const { runCommandLine } = await import('./run-command-line.js');
  await runCommandLine();
}
