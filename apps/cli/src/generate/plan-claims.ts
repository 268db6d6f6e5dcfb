import { addMonths, type IsoMonth } from '#domain';
import { areaOn } from './areas.js';
import { dayIn } from './build-world.js';
import type { Planning } from './planning.js';

/** About 2.4 visits a year for each insured person (2024: some 190 million visits for 94 million insured). */
const VISITS_PER_PERSON_PER_YEAR_TENTHS = 24;

/**
 * Each facility's claims for the previous month are assessed in the middle of this month (giám
 * định BHYT): visits split outpatient and inpatient, the amount requested, and the part accepted,
 * which is most of it, never more.
 */
export function planClaims(planning: Planning, month: IsoMonth): void {
  const { random, agenda, world } = planning;
  const period = addMonths(month, -1);
  const sharesByProvince = new Map<string, number>();
  for (const facility of world.facilities) {
    const province = facility.facilityCode.slice(0, 2);
    sharesByProvince.set(province, (sharesByProvince.get(province) ?? 0) + facility.share);
  }
  for (const facility of world.facilities) {
    const province = facility.facilityCode.slice(0, 2);
    const monthlyVisits = Math.floor(((world.insuredByProvince.get(province) ?? 0) * VISITS_PER_PERSON_PER_YEAR_TENTHS) / 120);
    const expected = Math.floor((monthlyVisits * facility.share) / sharesByProvince.get(province)!);
    const visits = Math.max(1, Math.floor((expected * random.int(850, 1150)) / 1000));
    const inpatient = Math.floor((visits * facility.inpatientPerMille) / 1000);
    const outpatient = visits - inpatient;
    const outpatientCost = (facility.outpatientCost * BigInt(random.int(850, 1150))) / 1000n;
    const inpatientCost = (facility.inpatientCost * BigInt(random.int(850, 1150))) / 1000n;
    const requested = BigInt(outpatient) * outpatientCost + BigInt(inpatient) * inpatientCost;
    const approved = (requested * BigInt(random.int(9_500, 9_990))) / 10_000n;
    const assessedOn = dayIn(random, month, 15, 25);
    agenda.add(assessedOn, () => ({
      command: 'AssessClaim',
      data: {
        assessmentRef: `GD-${facility.facilityCode}-${period}`,
        facilityCode: facility.facilityCode,
        areaCode: areaOn(facility.areaCode, assessedOn),
        period,
        visits: { outpatient, inpatient },
        requested: requested.toString(),
        approved: approved.toString(),
        assessedOn,
      },
    }));
  }
}
