import { Command, CommandRunner } from 'nest-commander';
import { NdjsonImport } from '#ledger';
import { configFromEnv, SocaiRuntime, startApiServer } from '#runtime';
import { generateCommands } from '../generate/index.js';
import { describeSummary } from './import-file.js';

@Command({ name: 'demo', description: 'Generate and import the demo scenario (the 2025 reorganisation of Quảng Trị, seed 1), then serve it; a second run imports nothing new' })
export class DemoCommand extends CommandRunner {
  async run(): Promise<void> {
    const runtime = await SocaiRuntime.openForRecording(configFromEnv());
    const importer = new NdjsonImport(runtime.ledger, { actor: 'demo', role: 'admin', source: 'import' });
    const summary = await importer.run(generateCommands({ scenario: 'reorganisation', seed: 1 }));
    process.stdout.write(`demo scenario: ${describeSummary(summary)}\n`);
    await runtime.close();
    await startApiServer();
    await new Promise(() => undefined);
  }
}
