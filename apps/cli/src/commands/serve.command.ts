import { Command, CommandRunner } from 'nest-commander';
import { startApiServer } from '#runtime';

@Command({ name: 'serve', description: 'Run the HTTP API, the projections and the dashboard (SOCAI_* environment variables)' })
export class ServeCommand extends CommandRunner {
  async run(): Promise<void> {
    await startApiServer();
    // Keep the process alive: the server runs until SIGTERM/SIGINT.
    await new Promise(() => undefined);
  }
}
