/**
 * A spec that cannot run here says so: `describeUnless(reason)` runs the block when `reason` is
 * undefined; otherwise it prints one line with SKIPPED and the reason (as the EventStoreDB suite does)
 * and registers the block as skipped, so jest's summary counts it too.
 */
export function describeUnless(reason: string | undefined, title: string, body: () => void): void {
  if (reason === undefined) {
    describe(title, body);
    return;
  }
  const line = `${title} — SKIPPED: ${reason}`;
  console.warn(line);
  describe.skip(line, body);
}
