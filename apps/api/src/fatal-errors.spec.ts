import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** Runs `body` in a plain node process (jest intercepts unhandled rejections itself) with the built handler. */
function run(body: string): { status: number | null; stdout: string; stderr: string } {
  const module = pathToFileURL(`${process.cwd()}/dist/apps/api/src/fatal-errors.js`).href;
  const script = `import { exitOnUnhandledRejection } from ${JSON.stringify(module)};\n${body}`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
}

describe('exitOnUnhandledRejection', () => {
  it('logs the rejection, closes what it can and exits 1', () => {
    const child = run(`
      exitOnUnhandledRejection({ log: (line) => console.error(line.split('\\n')[0]), close: async () => console.log('closed') });
      void Promise.reject(new Error('subscription dropped'));
      setTimeout(() => console.log('still running'), 5_000);
    `);
    expect(child.stderr).toBe('unhandled promise rejection, exiting with code 1 to be restarted: Error: subscription dropped\n');
    expect(child.stdout).toBe('closed\n');
    expect(child.status).toBe(1);
  });

  it('exits even when closing hangs', () => {
    const child = run(`
      exitOnUnhandledRejection({ log: (line) => console.error(line.split('\\n')[0]), close: () => new Promise(() => setInterval(() => undefined, 1000)), closeTimeoutMs: 50 });
      void Promise.reject('not an Error');
    `);
    expect(child.stderr).toBe('unhandled promise rejection, exiting with code 1 to be restarted: not an Error\n');
    expect(child.status).toBe(1);
  });
});
