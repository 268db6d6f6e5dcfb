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
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(boundMs) });
      await response.arrayBuffer();
      if (response.status !== 200) failures.push(`probe ${probes}: status ${response.status}`);
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
