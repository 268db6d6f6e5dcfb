// `socai verify`: recompute every hash of the log, its chains and signed checkpoints. Skipped, with a
// note, in a build that has no verifier yet.
import * as eventStore from '#event-store';
import { argsOf, peakRssMb, report, timed } from '../lib/measure.mjs';

const args = argsOf();
if (typeof eventStore.verifyEventLog !== 'function' || typeof eventStore.openAuditDatabase !== 'function') {
  report('verify', { skipped: 'this build has no verifyEventLog (socai verify)' });
} else {
  const db = eventStore.openAuditDatabase(`${args.dir}/events.sqlite`);
  const { result, seconds } = await timed(() => eventStore.verifyEventLog(db));
  db.close();
  report('verify', { ok: result.ok, events: result.eventsChecked, seconds, eventsPerSecond: result.eventsChecked / seconds, peakRssMb: peakRssMb() });
}
