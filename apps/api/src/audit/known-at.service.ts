import { Inject, Injectable } from '@nestjs/common';
import { streams, type IsoDate } from '#domain';
import type { EmployerArrears } from '#read-models';
import { arraySource, recordedBy, SocaiRuntime, withScratchReadModels } from '#runtime';

/** Answers read-model questions as the ledger knew them at an instant (`knownAt`). */
@Injectable()
export class KnownAtService {
  constructor(@Inject(SocaiRuntime) private readonly runtime: SocaiRuntime) {}

  /**
   * An employer's arrears as of `asOf`, from only the events recorded by `knownAt`. Everything the
   * arrears depend on lives in the employer's stream (registration, status changes, assessments, its
   * collections, reminders, charges, and reversals, which are appended to the reversed event's stream)
   * but the rates k of `rules-interest`, so those two streams, projected in memory, are enough. Undefined when the employer was not registered yet at `knownAt`.
   */
  async employerArrearsKnownAt(unitCode: string, asOf: IsoDate, knownAt: string): Promise<EmployerArrears | undefined> {
    const known = recordedBy(Date.parse(knownAt));
    const events = (await this.runtime.store.readStream(streams.employer(unitCode))).filter(known);
    if (events.length === 0) return undefined;
    // The rates k announced by then (rules-interest) price its late months as the office knew them.
    const rates = (await this.runtime.store.readStream(streams.rulesInterest())).filter(known);
    const log = [...events, ...rates].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    return withScratchReadModels(arraySource(log), this.runtime.areas, (queries) => queries.employerArrears(unitCode, asOf), 'memory');
  }
}
