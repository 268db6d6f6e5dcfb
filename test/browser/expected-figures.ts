import { formatCount, formatMoney, formatPercent, groupThousands } from '#read-models';
import type { TestServer } from '../support/test-server.js';

/**
 * What the dashboard must show, computed from the API's JSON answers and written with the server's
 * own Vietnamese formatters (libs/read-models/src/report/vi-format.ts), which share no code with
 * the page's browser module: the page is right only if both agree to the digit.
 */
export const vi = {
  money: formatMoney,
  dong: (amount: string) => `${groupThousands(amount)} đ`,
  digits: (amount: string) => groupThousands(amount),
  count: (value: number) => formatCount(value),
  // The report's prose pads a percentage to two decimals (14,30%); the dashboard's chart labels show the
  // API's rounded figure in its shortest form (95,6%, 100%): see docs/decisions.md on percentages.
  percent: (value: number | null) => (value === null ? '—' : formatPercent(value).replace(/,?0+%$/, '%')),
  month: (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`,
};

/** The English rendering of a Vietnamese figure: separators swapped, units translated. */
export function inEnglish(text: string): string {
  return text
    .replace(/[.,]/g, (separator) => (separator === '.' ? ',' : '.'))
    .replace('tỷ đồng', 'billion VND')
    .replace('triệu đồng', 'million VND')
    .replace(/đồng$/, 'VND');
}

export const BUCKET_LABELS: Record<string, string> = {
  current: 'Chưa quá hạn',
  'under-1-month': 'Chậm đóng dưới 1 tháng',
  '1-to-3-months': 'Nợ đọng 1–3 tháng',
  '3-months-plus': 'Nợ kéo dài từ 3 tháng',
  'hard-to-collect': 'Nợ khó thu',
};

const SCHEMES = ['mandatorySocialInsurance', 'voluntarySocialInsurance', 'unemploymentInsurance', 'healthInsurance'] as const;

/** The bars of one plan-progress card: metric → [percentage, detail]. */
export function progressBars(plan: any): Record<string, [string, string]> {
  const bars: Record<string, [string, string]> = {
    collection: [vi.percent(plan.collection.percent), `${vi.money(plan.collection.actual)} / ${vi.money(plan.collection.target)}`],
  };
  for (const scheme of SCHEMES) {
    const figure = plan.participants[scheme];
    bars[scheme] = [vi.percent(figure.percentOfPlan), `${vi.count(figure.actual)} / ${vi.count(figure.target)}`];
  }
  for (const scheme of SCHEMES) {
    const figure = plan.participants[scheme];
    const health = scheme === 'healthInsurance';
    bars[`coverage-${scheme}`] = [vi.percent(health ? figure.percentOfPopulation : figure.percentOfLabourForce), health ? '% dân số' : '% lực lượng lao động'];
  }
  return bars;
}

/** GET with the admin key, failing the spec on anything but 200. */
export async function apiGet(server: TestServer, path: string): Promise<any> {
  const response = await server.request('GET', path);
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Every employer of the worklist, following `nextCursor`. */
export async function wholeWorklist(server: TestServer, area: string, asOf: string): Promise<any> {
  const first = await apiGet(server, `/api/arrears?area=${area}&asOf=${asOf}&limit=500`);
  const items = [...first.items];
  for (let cursor = first.nextCursor; cursor; ) {
    const next = await apiGet(server, `/api/arrears?area=${area}&asOf=${asOf}&limit=500&cursor=${encodeURIComponent(cursor)}`);
    items.push(...next.items);
    cursor = next.nextCursor;
  }
  return { ...first, items };
}

/** Lower case without Vietnamese diacritics, as the page's search compares. */
export function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}
