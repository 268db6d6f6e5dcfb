import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The project root, where `bin/socai.js` runs the compiled CLI from `dist/` (`npm run build` first). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');
export const SOCAI_BIN = join(PROJECT_ROOT, 'bin', 'socai.js');
export const RELIABILITY_ADMIN_KEY = 'sk_reliability-admin-key-for-specs-only-000000';
/**
 * The events `socai serve`, `import` and `demo` record on a new ledger before anything else: the seed
 * facts, the verified rates k of reference-data/interest-rates.json (2016 and 2017, both funds).
 */
export const SEED_EVENTS = 4;

if (!existsSync(join(PROJECT_ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'))) {
  throw new Error('test/reliability runs the compiled CLI: run `npm run build` first (`npm test` does)');
}

/** A port nobody listens on right now (the OS picks it, then it is released for the server). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The environment every socai process of a spec gets: its data dir, the admin key, fast projection. */
export function socaiEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SOCAI_DATA_DIR: dataDir,
    SOCAI_ADMIN_KEY: RELIABILITY_ADMIN_KEY,
    SOCAI_EVENT_STORE: 'sqlite',
    SOCAI_READ_MODELS: 'sqlite',
    SOCAI_PROJECTION_INTERVAL_MS: '20',
    NO_COLOR: '1',
    ...extra,
  };
}

/** A child process with its output kept (the tail, for failure messages) and a promise of its exit. */
export class SocaiChild {
  private output = '';
  private stdoutText = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exitedFlag = false;

  constructor(readonly child: ChildProcess, private readonly keepChars = 20_000) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-this.keepChars);
    };
    child.stdout?.on('data', keep);
    child.stdout?.on('data', (chunk: Buffer) => {
      this.stdoutText = (this.stdoutText + chunk.toString('utf8')).slice(-this.keepChars);
    });
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitedFlag = true;
        resolve({ code, signal });
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get hasExited(): boolean {
    return this.exitedFlag;
  }

  /** What the process printed on standard output (the last of it). */
  stdout(): string {
    return this.stdoutText;
  }

  /** The last lines the process printed, for failure messages. */
  tail(): string {
    return this.output;
  }

  /** SIGKILL: no handler runs, no buffer is flushed, no transaction is finished. What a power cut does to the process. */
  async kill(): Promise<void> {
    if (!this.exitedFlag) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: the orderly shutdown (the server closes its stores). */
  async stop(): Promise<void> {
    if (!this.exitedFlag) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Runs `node bin/socai.js ...args` in the background; `stdin: 'pipe'` lets the spec feed it (`import -`). */
export function spawnSocai(args: string[], env: NodeJS.ProcessEnv, options: { stdin?: 'ignore' | 'pipe' } = {}): SocaiChild {
  const child = spawn(process.execPath, [SOCAI_BIN, ...args], { cwd: PROJECT_ROOT, env, stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'] });
  return new SocaiChild(child);
}

/**
 * Polls `probe` until it returns a value other than undefined. The bound is generous (a loaded
 * machine is slow, not wrong): reaching it fails the spec with what was awaited, it asserts no speed.
 */
export async function waitUntil<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, boundMs = 180_000): Promise<T> {
  const giveUp = Date.now() + boundMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > giveUp) throw new Error(`gave up after ${boundMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs a CLI command to its end and returns its exit code and output. */
export async function runSocai(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawnSocai(args, env);
  const { code } = await child.exited;
  return { code, output: child.tail() };
}

export interface ServerProcess extends SocaiChild {
  url: string;
  port: number;
}

/** Starts `socai serve` over `dataDir` on a free port and waits until /health answers. */
export async function startServer(dataDir: string, extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawnSocai(['serve'], socaiEnv(dataDir, { SOCAI_HOST: '127.0.0.1', SOCAI_PORT: String(port), ...extraEnv }));
    const url = `http://127.0.0.1:${port}`;
    const healthy = await waitForHealth(url, child, 30_000);
    if (healthy) return Object.assign(child, { url, port });
    await child.kill();
    // The port may have been taken between the probe and the listen; try another.
    if (attempt >= 3) throw new Error(`socai serve did not come up:\n${child.tail()}`);
  }
}

async function waitForHealth(url: string, child: SocaiChild, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !child.hasExited) {
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
