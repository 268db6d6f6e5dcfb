import { existsSync } from 'node:fs';
import { Command, CommandRunner } from 'nest-commander';
import { configFromEnv, SocaiRuntime } from '#runtime';
import { cliLogger } from '../cli-logger.js';
import { EXIT } from '../exit-codes.js';
import { describeSummary, importFile } from './import-file.js';

@Command({
  name: 'import',
  arguments: '<file>',
  description: 'Record commands in bulk from an NDJSON file ("-" reads standard input); exit 3 if any line is refused',
})
export class ImportCommand extends CommandRunner {
  async run([file]: string[]): Promise<void> {
    if (file !== '-' && !existsSync(file)) {
      process.stderr.write(`socai import: no file ${file}\n`);
      process.exit(EXIT.usage);
    }
    const runtime = await SocaiRuntime.openForRecording(configFromEnv());
    const logger = cliLogger('import');
    try {
      const summary = await importFile(runtime, file, (progress) => {
        if (process.stderr.isTTY) process.stderr.write(`\r${progress.lines} lines, ${progress.eventsPerSecond} events/s`);
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      for (const refusal of summary.refusals) process.stderr.write(`line ${refusal.line}: ${refusal.code} ${refusal.message}\n`);
      if (summary.refused > summary.refusals.length) process.stderr.write(`… and ${summary.refused - summary.refusals.length} more refused lines\n`);
      process.stdout.write(`${describeSummary(summary)}\n`);
      const { recorded, duplicates, refused, lines, events, seconds, lastPosition } = summary;
      logger.info({ file, recorded, duplicates, refused, lines, events, durationMs: Math.round(seconds * 1000), lastPosition }, 'import finished');
      process.exitCode = summary.refused > 0 ? EXIT.refused : EXIT.ok;
    } finally {
      await runtime.close();
    }
  }
}
