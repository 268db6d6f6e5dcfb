import { Presets, SingleBar } from 'cli-progress';
import { Command, CommandRunner } from 'nest-commander';
import { configFromEnv } from '../../../api/src/config.js';
import { SocaiRuntime } from '../../../api/src/runtime.js';
import { cliLogger } from '../cli-logger.js';

@Command({ name: 'rebuild', description: 'Drop every read model and rebuild it from the event log, with a progress bar' })
export class RebuildCommand extends CommandRunner {
  async run(): Promise<void> {
    const runtime = SocaiRuntime.open(configFromEnv());
    try {
      const head = await runtime.store.headPosition();
      const bar = new SingleBar(
        { format: 'rebuild |{bar}| {percentage}% {value}/{total} events {speed} events/s ETA {eta_formatted}', hideCursor: true, stream: process.stderr },
        Presets.shades_classic,
      );
      const started = Date.now();
      bar.start(head, 0, { speed: 0 });
      await runtime.readModels.projector.rebuild(runtime.store, (position: number) => {
        const seconds = (Date.now() - started) / 1000;
        bar.update(position, { speed: seconds > 0 ? Math.round(position / seconds) : 0 });
      });
      bar.update(head);
      bar.stop();
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(`rebuilt read models from ${head} events in ${seconds.toFixed(1)} s (${seconds > 0 ? Math.round(head / seconds) : head} events/s)\n`);
      cliLogger('rebuild').info({ events: head, durationMs: Math.round(seconds * 1000) }, 'rebuild finished');
    } finally {
      await runtime.close();
    }
  }
}
