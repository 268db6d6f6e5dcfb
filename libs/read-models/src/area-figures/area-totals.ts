import type { IsoDate, Money } from '#domain';
import type { AreaScope } from '../area-scope.js';
import type { BenefitFigures, ClaimFigures, InspectionFigures, Participants } from './area-figures.js';
import type { SummaryAreaFigures } from './summary-area-figures.js';

export interface AreaTotals {
  areaCode: string;
  name: string;
  from: IsoDate;
  to: IsoDate;
  collections: { amount: Money; count: number };
  assessments: { due: Money };
  participants: Participants;
  books: { issued: number };
  cards: { issued: number };
  benefits: Omit<BenefitFigures, 'monthlyAmount'>;
  claims: ClaimFigures;
  inspections: InspectionFigures;
  arrears: { overdue: Money; employers: number };
}

/** An area's flows over `from`..`to` and its stocks on `to` (`GET /api/areas/{areaCode}/totals`). */
export async function areaTotals(
  figures: SummaryAreaFigures,
  area: { code: string; name: string },
  scope: AreaScope,
  from: IsoDate,
  to: IsoDate,
): Promise<AreaTotals> {
  const { monthlyAmount: _monthlyAmount, ...benefits } = await figures.benefits(scope, from, to);
  return {
    areaCode: area.code,
    name: area.name,
    from,
    to,
    collections: await figures.collections(scope, from, to),
    assessments: { due: await figures.assessmentsDue(scope, from, to) },
    participants: await figures.participants(scope, to),
    books: { issued: await figures.booksIssued(scope, from, to) },
    cards: { issued: await figures.cardsIssued(scope, from, to) },
    benefits,
    claims: await figures.claims(scope, from, to),
    inspections: await figures.inspections(scope, from, to),
    arrears: await figures.arrears(scope, to),
  };
}
