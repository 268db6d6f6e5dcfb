import type { TestServer } from './test-server.js';

/** A request body to POST, with its path: the facts an arrears spec records before it asks. */
export type Post = [path: string, body: object];

/** Ten people in every scheme: 50,000,000 of payroll assesses 16,250,000 in 2017 (32.5 %). */
export const HEADCOUNT = { socialInsurance: 10, healthInsurance: 10, unemploymentInsurance: 10 };

/** The verified rates k of 2017 (reference-data/interest-rates.json), announced as the office did. */
export const RATES_2017: Post[] = [
  ['/api/interest-rates', { year: 2017, fund: 'social', monthlyPercent: '1.317', documentRef: 'TB 425/TB-BHXH (BHXH Việt Nam)', announcedOn: '2017-02-14' }],
  ['/api/interest-rates', { year: 2017, fund: 'health', monthlyPercent: '0.967', documentRef: 'TB 67/TB-BHXH (BHXH TP. Hồ Chí Minh)', announcedOn: '2017-01-17' }],
];

/** QT00001, the arrears specs' employer in district 465 (the old Quảng Trị). */
export const REGISTER_QT00001: Post = ['/api/employers', { unitCode: 'QT00001', name: 'Công ty Gỗ Hướng Hóa', areaCode: '465', registeredOn: '2016-12-01' }];

/** A month's assessment of `unitCode`: 50,000,000 of payroll for HEADCOUNT, assessed on the 1st. */
export const assessment = (unitCode: string, period: string): Post =>
  [`/api/employers/${unitCode}/assessments`, { period, headcount: HEADCOUNT, payroll: '50000000', assessedOn: `${period}-01` }];

/** Records each post in order; every one must be new (201). */
export async function recordAll(server: TestServer, posts: readonly Post[]): Promise<void> {
  for (const [path, body] of posts) expect([path, (await server.request('POST', path, body)).status]).toEqual([path, 201]);
}
