import { get } from 'node:http';

/** What `/health` did while a request was being handled. */
export interface HealthWatch<T> {
  result: T;
  /** Probes sent, during the work and once after it. */
  probes: number;
  /** Each probe that did not answer 200 within the bound: what happened instead. */
  failures: string[];
}

/**
 * Probes `/health` every 100 ms while `work` runs, and once after it ends. Each probe must answer
 * 200 within `boundMs`: a server whose event loop is held by one request cannot.
 */
export async function watchHealth<T>(url: string, work: Promise<T>, boundMs = 1_000): Promise<HealthWatch<T>> {
  let done = false;
  let probes = 0;
  const failures: string[] = [];
  const probe = async () => {
    probes++;
    try {
      const status = await healthStatus(url, boundMs);
      if (status !== 200) failures.push(`probe ${probes}: status ${status}`);
    } catch (error) {
      failures.push(`probe ${probes}: ${(error as Error).name} ${(error as Error).message}`);
    }
  };
  const watcher = (async () => {
    while (!done) {
      await probe();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await probe();
  })();
  let result: T;
  try {
    result = await work;
  } finally {
    done = true;
    await watcher;
  }
  return { result, probes, failures };
}

/**
 * One `/health` request on a connection of its own. A pooled keep-alive socket can be closed by the
 * server while this process's event loop is busy building a hostile body, and the next request sent on
 * it fails though the server is answering: that is the client's race, not the property under test.
 */
function healthStatus(url: string, boundMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get(`${url}/health`, { agent: false, signal: AbortSignal.timeout(boundMs) }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}
