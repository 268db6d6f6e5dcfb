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
   * collections, and reversals, which are appended to the reversed event's stream), so one stream,
   * projected in memory, is enough. Undefined when the employer was not registered yet at `knownAt`.
   */
  async employerArrearsKnownAt(unitCode: string, asOf: IsoDate, knownAt: string): Promise<EmployerArrears | undefined> {
    const events = (await this.runtime.store.readStream(streams.employer(unitCode))).filter(recordedBy(Date.parse(knownAt)));
    if (events.length === 0) return undefined;
    return withScratchReadModels(arraySource(events), this.runtime.areas, (queries) => queries.employerArrears(unitCode, asOf), 'memory');
  }
}
