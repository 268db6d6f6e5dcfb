import { Presets, SingleBar } from 'cli-progress';
import { Command, CommandRunner, Option } from 'nest-commander';
import { configFromEnv, onlineRebuildProblem, RebuildInProgress, SocaiRuntime, startOnlineRebuild } from '#runtime';
import { cliLogger } from '../cli-logger.js';
import { usage } from '../cli-options.js';

interface RebuildFlags {
  online?: boolean;
}

@Command({ name: 'rebuild', description: 'Drop every read model and rebuild it from the event log, with a progress bar; --online builds a new generation while the server answers from the old one' })
export class RebuildCommand extends CommandRunner {
  @Option({ flags: '--online', description: 'build into a new generation beside the serving one, catch up to the head, then switch atomically (the server keeps answering)' })
  parseOnline(): boolean {
    return true;
  }

  async run(_: string[], flags: RebuildFlags = {}): Promise<void> {
    if (flags.online) return this.online();
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

  private async online(): Promise<void> {
    const config = configFromEnv();
    const problem = onlineRebuildProblem(config);
    if (problem) usage('rebuild', problem);
    const runtime = SocaiRuntime.open(config);
    const started = Date.now();
    try {
      const result = await (await startOnlineRebuild(config, runtime.store, runtime.areas)).running;
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(`rebuilt read models online into ${result.generation} up to position ${result.position} in ${seconds.toFixed(1)} s; it now serves (${result.previous} removed)\n`);
    } catch (error) {
      if (error instanceof RebuildInProgress) usage('rebuild', error.message);
      throw error;
    } finally {
      await runtime.close();
    }
  }
}
