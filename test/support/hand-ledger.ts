/**
 * A small ledger written by hand, with every figure the reports, plan progress and arrears
 * worklist must state worked out below from the rates in domain.md, not read back from the code.
 * Quảng Trị (45) holds most of it: Đông Hà (461) and Hướng Hóa (465); Bạc Liêu (95) holds two
 * employers so that area filters have something to leave out. One command a line (NDJSON), so
 * the same file goes through `socai import` and `POST /api/import`.
 *
 * Contribution rates for 2017-06 onwards outside the 2021–22 relief (domain.md "Schemes and funds"):
 * pension 14 + 8 = 22 %, sickness 3 %, accident 0.5 %, health 3 + 1.5 = 4.5 %, unemployment 1 + 1 = 2 %;
 * 32 % in all. Every payroll below is under the caps (20 × 1,800,000 = 36,000,000 a person in 2024,
 * 20 × 1,300,000 = 26,000,000 in 2017), so each fund is payroll × rate.
 *
 *  QT00001 (461), 2024-01..05, payroll 100,000,000, BHTN payroll 80,000,000 (8 of 10 insured):
 *    pension 22,000,000 + sickness 3,000,000 + accident 500,000 + health 4,500,000
 *    + unemployment 2 % × 80,000,000 = 1,600,000  →  31,600,000 a month, 158,000,000 for five.
 *    Paid 63,200,000 on 2024-02-10 (settles 01, 02) and 31,600,000 on 2024-04-05 (settles 03), oldest first.
 *  QT00002 (465), 2024-03..05, payroll 50,000,000, 5 people: 11,000,000 + 1,500,000 + 250,000 + 2,250,000
 *    + 1,000,000 = 16,000,000 a month, 48,000,000 for three; nothing paid; suspended from 2024-05-15.
 *  QT00003 (461), 2024-06, payroll 10,000,000, 1 person: 32 % = 3,200,000, due 2024-06-30.
 *  QT00005 (461): no assessment, one payment of 50,000,000 on 2023-03-15 (a credit, never overdue).
 *  BL00001 (954), 2024-05, payroll 20,000,000, 2 people: 6,400,000, due 2024-05-31.
 *  BL00002 (954), 2017-08, payroll 10,000,000, 1 person: 3,200,000 of which health 450,000, due 2017-08-31.
 */
const employer = (unitCode: string, name: string, areaCode: string) => ({
  command: 'RegisterEmployer', data: { unitCode, name, areaCode, registeredOn: '2016-01-04' },
});
const headcount = (socialInsurance: number, unemploymentInsurance = socialInsurance) => ({ socialInsurance, healthInsurance: socialInsurance, unemploymentInsurance });
const assess = (unitCode: string, period: string, assessedOn: string, people: ReturnType<typeof headcount>, payroll: string, unemploymentPayroll?: string) => ({
  command: 'AssessContribution', data: { unitCode, period, headcount: people, payroll, ...(unemploymentPayroll ? { unemploymentPayroll } : {}), assessedOn },
});
const collect = (receiptNo: string, unitCode: string, amount: string, collectedOn: string) => ({
  command: 'CollectContribution', data: { receiptNo, payer: { kind: 'employer', unitCode }, amount, collectedOn },
});
const book = (personId: string, areaCode: string, issuedOn: string) => ({ command: 'IssueBook', data: { personId, areaCode, issuedOn } });
const card = (cardNo: string, personId: string, areaCode: string, validFrom: string, validTo: string, issuedOn: string) => ({
  command: 'IssueCard', data: { cardNo, personId, areaCode, validFrom, validTo, issuedOn },
});
const pay = (paymentRef: string, personId: string, benefit: string, payoutMonth: string, amount: string, areaCode: string, paidOn: string) => ({
  command: 'PayBenefit', data: { paymentRef, personId, benefit, payoutMonth, amount, channel: 'post-office-cash', areaCode, paidOn },
});
const plan = (collection: string, participants: [number, number, number, number], assignedOn: string) => ({
  command: 'AssignPlan',
  data: {
    year: 2024, areaCode: '45',
    targets: { collection, participants: { mandatorySocialInsurance: participants[0], voluntarySocialInsurance: participants[1], unemploymentInsurance: participants[2], healthInsurance: participants[3] } },
    labourForce: 200, population: 400, assignedOn,
  },
});

const QT1_PEOPLE = headcount(10, 8);

export const HAND_LEDGER_COMMANDS: object[] = [
  employer('QT00001', 'Công ty TNHH Gạch Đông Hà', '461'),
  employer('QT00002', 'Hợp tác xã Cà phê Khe Sanh', '465'),
  employer('QT00003', 'Cửa hàng Vật tư Đông Hà', '461'),
  employer('QT00005', 'Công ty CP Vận tải Quảng Trị', '461'),
  employer('BL00001', 'Công ty Thủy sản Bạc Liêu', '954'),
  employer('BL00002', 'Xí nghiệp Muối Bạc Liêu', '954'),
  ...['01', '02', '03', '04', '05'].map((m, i) => assess('QT00001', `2024-${m}`, `2024-0${i + 2}-01`, QT1_PEOPLE, '100000000', '80000000')),
  ...['03', '04', '05'].map((m, i) => assess('QT00002', `2024-${m}`, `2024-0${i + 4}-01`, headcount(5), '50000000')),
  assess('QT00003', '2024-06', '2024-06-20', headcount(1), '10000000'),
  assess('BL00001', '2024-05', '2024-06-01', headcount(2), '20000000'),
  assess('BL00002', '2017-08', '2017-09-01', headcount(1), '10000000'),
  collect('R-QT1-01', 'QT00001', '63200000', '2024-02-10'),
  collect('R-QT1-02', 'QT00001', '31600000', '2024-04-05'),
  collect('R-QT5-01', 'QT00005', '50000000', '2023-03-15'),
  // Voluntary BHXH for 2024: 22 % of a chosen income of 1,500,000 for 12 months = 3,960,000.
  { command: 'CollectContribution', data: {
    receiptNo: 'R-TN-01', payer: { kind: 'person', personId: '4500000021', scheme: 'voluntary-social-insurance', coverFrom: '2024-01', coverTo: '2024-12' },
    amount: '3960000', collectedOn: '2024-01-15', areaCode: '465',
  } },
  { command: 'ChangeEmployerStatus', data: { unitCode: 'QT00002', status: 'suspended', effectiveOn: '2024-05-15', reason: 'Tạm ngừng sản xuất' } },
  book('4500000011', '461', '2024-02-01'),
  book('4500000012', '465', '2024-03-01'),
  book('4500000013', '461', '2023-05-10'),
  card('DN4454500000011', '4500000011', '461', '2024-01-01', '2024-12-31', '2024-01-02'),
  card('DN4454500000012', '4500000012', '465', '2024-01-01', '2024-12-31', '2024-01-02'),
  card('HT3454500000014', '4500000014', '461', '2024-01-01', '2024-12-31', '2024-01-02'),
  card('DN4454500000013', '4500000013', '461', '2023-04-01', '2024-03-31', '2023-03-01'),
  pay('P-2024-05-A', '4500000011', 'pension', '2024-05', '5000000', '461', '2024-05-05'),
  pay('P-2024-06-A', '4500000011', 'pension', '2024-06', '5000000', '461', '2024-06-05'),
  pay('P-2024-03-B', '4500000012', 'maternity', '2024-03', '12000000', '465', '2024-03-20'),
  pay('P-2023-06-A', '4500000011', 'pension', '2023-06', '4500000', '461', '2023-06-05'),
  { command: 'AssessClaim', data: {
    assessmentRef: 'GD-2024-1', facilityCode: '45001', areaCode: '465', period: '2024-02', visits: { outpatient: 120, inpatient: 8 },
    requested: '50000000', approved: '46500000', assessedOn: '2024-03-25',
  } },
  { command: 'AssessClaim', data: {
    assessmentRef: 'GD-2023-1', facilityCode: '45001', areaCode: '465', period: '2023-02', visits: { outpatient: 100, inpatient: 5 },
    requested: '40000000', approved: '40000000', assessedOn: '2023-03-25',
  } },
  { command: 'RecordInspection', data: { inspectionId: 'TT-2024-1', unitCode: 'QT00002', inspectedOn: '2024-05-20', unannounced: true, arrearsFound: '32000000' } },
  { command: 'RecordInspection', data: { inspectionId: 'TT-2024-2', unitCode: 'QT00001', inspectedOn: '2024-03-12', unannounced: false, arrearsFound: '0' } },
  // Two plans for 2024: the later assignment (2024-02-15) is in force from its date on.
  plan('900000000', [30, 8, 30, 90], '2023-12-20'),
  plan('1000000000', [40, 10, 40, 100], '2024-02-15'),
];

/** The file: one command a line, each line one event. */
export const HAND_LEDGER_NDJSON = HAND_LEDGER_COMMANDS.map((line) => JSON.stringify(line)).join('\n') + '\n';
export const HAND_LEDGER_EVENTS = HAND_LEDGER_COMMANDS.length;

/**
 * Interest as of 2024-06-30 is not computed for any 2024 period: k for 2024 is not announced, and each
 * month of lateness (charged on the 1st of the next month, QĐ 595 art. 37) of a 2024 period needs it, so
 * it counts 0. `social`: payments settled the period's health first (allocation.ts), so only the social
 * funds were late in those months.
 */
const NOT_COMPUTED_2024 = (period: string, months: number, funds: 'both' | 'social' = 'both') =>
  `${period}: interest of ${months} month(s) not computed: ${funds === 'both' ? 'k for 2024 (health) not announced, ' : ''}k for 2024 (social) not announced`;
const YEARS_WITHOUT_K = [2018, 2019, 2021, 2022, 2023, 2024];

/** The worklist rows on 2024-06-30 (GET /api/arrears items, largest overdue first). */
export const ARREARS_ON_2024_06_30 = {
  // 158,000,000 due − 94,800,000 paid = 63,200,000 for 04 (due 04-30, 61 days late) and 05 (due 05-31, 30 days):
  // the oldest overdue period is 61 days late, 31–90 → 1-to-3-months.
  QT00001: {
    unitCode: 'QT00001', name: 'Công ty TNHH Gạch Đông Hà', areaCode: '461', status: 'active', asOf: '2024-06-30',
    due: '158000000', paid: '94800000', outstanding: '63200000', overdue: '63200000', credit: '0',
    // Each payment settles what is late on its day, then what falls due next (allocation.ts): 10 February pays January
    // and, in advance, February; 5 April pays March. No month-end finds 01–03 unpaid; 04 and 05 are late at June's end.
    interest: '0', interestComputed: false, evasion: null,
    interestNotes: [NOT_COMPUTED_2024('2024-04', 2), NOT_COMPUTED_2024('2024-05', 1)],
    oldestUnpaidPeriod: '2024-04', monthsOverdue: 2, bucket: '1-to-3-months',
  },
  // 03, 04, 05 all past due (91, 61, 30 days): 48,000,000 overdue; suspended on 2024-06-30 → hard-to-collect.
  QT00002: {
    unitCode: 'QT00002', name: 'Hợp tác xã Cà phê Khe Sanh', areaCode: '465', status: 'suspended', asOf: '2024-06-30',
    due: '48000000', paid: '0', outstanding: '48000000', overdue: '48000000', credit: '0',
    interest: '0', interestComputed: false, evasion: null,
    interestNotes: [NOT_COMPUTED_2024('2024-03', 3), NOT_COMPUTED_2024('2024-04', 2), NOT_COMPUTED_2024('2024-05', 1)],
    oldestUnpaidPeriod: '2024-03', monthsOverdue: 3, bucket: 'hard-to-collect',
  },
  // 2024-06 is due on 2024-06-30 itself: outstanding, not yet overdue → current.
  QT00003: {
    unitCode: 'QT00003', name: 'Cửa hàng Vật tư Đông Hà', areaCode: '461', status: 'active', asOf: '2024-06-30',
    due: '3200000', paid: '0', outstanding: '3200000', overdue: '0', credit: '0',
    interest: '0', interestComputed: true, interestNotes: [], evasion: null,
    oldestUnpaidPeriod: '2024-06', monthsOverdue: 0, bucket: 'current',
  },
  // 2024-05 due 2024-05-31, 30 days late → under-1-month.
  BL00001: {
    unitCode: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu', areaCode: '954', status: 'active', asOf: '2024-06-30',
    due: '6400000', paid: '0', outstanding: '6400000', overdue: '6400000', credit: '0',
    interest: '0', interestComputed: false, interestNotes: [NOT_COMPUTED_2024('2024-05', 1)], evasion: null,
    oldestUnpaidPeriod: '2024-05', monthsOverdue: 1, bucket: 'under-1-month',
  },
  // 2017-08, late since 2017-08-31 → 3-months-plus. Each month from September 2017 to May 2024 is charged on the
  // 1st of the next month (QĐ 595 art. 37) at that year's k, on 3,200,000 of which 450,000 health:
  //   2017, 3 months (September to November): 2,750,000 × 1.317 % + 450,000 × 0.967 % = 40,569 a month → 121,707;
  //   2020, 12 months (December 2019 to November 2020): 2,750,000 × 0.9667 % + 450,000 × 0.9767 % = 30,979.40 → 371,752.80;
  //   493,459.80, rounded per fund → 493,460. The 67 months charged at k of 2018, 2019 and 2021–2024 are not computed
  //   (June 2024 counts on 2024-06-30, its last day, as late-interest.ts counts a month whose last day has come).
  BL00002: {
    unitCode: 'BL00002', name: 'Xí nghiệp Muối Bạc Liêu', areaCode: '954', status: 'active', asOf: '2024-06-30',
    due: '3200000', paid: '0', outstanding: '3200000', overdue: '3200000', credit: '0',
    interest: '493460', interestComputed: false, evasion: null,
    interestNotes: [`2017-08: interest of 67 month(s) not computed: ${YEARS_WITHOUT_K.map((y) => `k for ${y} (health) not announced, k for ${y} (social) not announced`).join(', ')}`],
    oldestUnpaidPeriod: '2017-08', monthsOverdue: 1, bucket: '3-months-plus',
  },
} as const;

/**
 * BL00002 on 2017-10-30: 60 days late; September is charged on 1 October at 2017's k (domain.md: BHXH/BHTN
 * 1.317 %, BHYT 0.967 % a month), October not yet (on 1 November):
 *   (3,200,000 − 450,000) × 1.317 % = 36,217.5;  450,000 × 0.967 % = 4,351.5;  40,569 exactly,
 *   rounded per fund (the social half-đồng of one of the four social funds rounds up) → 40,570 đồng.
 */
export const BL00002_ON_2017_10_30 = {
  unitCode: 'BL00002', name: 'Xí nghiệp Muối Bạc Liêu', areaCode: '954', status: 'active', asOf: '2017-10-30',
  due: '3200000', paid: '0', outstanding: '3200000', overdue: '3200000', credit: '0',
  interest: '40570', interestComputed: true, interestNotes: [], evasion: null,
  oldestUnpaidPeriod: '2017-08', monthsOverdue: 1, bucket: '1-to-3-months',
};

/**
 * Plan progress of Quảng Trị for 2024 on 2024-06-30, plan assigned 2024-02-15.
 *  collection: 63,200,000 + 31,600,000 + 3,960,000 (voluntary) = 98,760,000 of 1,000,000,000 = 9.876 → 9.88 %
 *  mandatory: QT00001 10 + QT00003 1 = 11 (QT00002 suspended); 11/40 = 27.5 %, 11/200 labour force = 5.5 %
 *  voluntary: 1 (cover 2024-01..12); 1/10 = 10 %, 1/200 = 0.5 %
 *  unemployment: 8 + 1 = 9; 9/40 = 22.5 %, 9/200 = 4.5 %
 *  health: 3 cards valid on 2024-06-30 (the fourth ended 2024-03-31); 3/100 = 3 %, 3/400 population = 0.75 %
 *  arrears: 63,200,000 + 48,000,000 = 111,200,000 overdue; of the 1,000,000,000 plan = 11.12 %
 */
export const PROGRESS_2024_ON_2024_06_30 = {
  year: 2024, areaCode: '45', asOf: '2024-06-30',
  collection: { target: '1000000000', actual: '98760000', percent: 9.88 },
  participants: {
    mandatorySocialInsurance: { target: 40, actual: 11, percentOfPlan: 27.5, percentOfLabourForce: 5.5 },
    voluntarySocialInsurance: { target: 10, actual: 1, percentOfPlan: 10, percentOfLabourForce: 0.5 },
    unemploymentInsurance: { target: 40, actual: 9, percentOfPlan: 22.5, percentOfLabourForce: 4.5 },
    healthInsurance: { target: 100, actual: 3, percentOfPlan: 3, percentOfPopulation: 0.75 },
  },
  arrears: { overdue: '111200000', percentOfCollectionPlan: 11.12 },
};

const compared = <T>(value: T, previousYear: T, change: T, changePercent: number | null) => ({ value, previousYear, change, changePercent });

/**
 * The province report of Quảng Trị for 2024-01-01..2024-06-30 against 2023-01-01..2023-06-30.
 *  collections: 98,760,000 (3 receipts) against 50,000,000 (1): +48,760,000 = 97.52 %; 9.88 % of plan
 *  participants on 2024-06-30 against 2023-06-30: total = health + voluntary = 3 + 1 = 4 against 1 + 0 = 1
 *    (+3, 300 %; 4 of 100 + 10 = 110 planned = 3.64 %); mandatory 11 and unemployment 9 against 0 (no
 *    percentage from nothing); health 3 against 1 (+2, 200 %)
 *  books 2 against 1 (+100 %); cards issued 3 against 1 (+200 %)
 *  benefits: 5,000,000 + 5,000,000 + 12,000,000 = 22,000,000 in 3 payments to 2 people, against 4,500,000
 *    (1, 1): +17,500,000 = 388.89 %; payments +200 %, recipients +100 %
 *  monthly benefits: 1 pensioner in 2024-06 as in 2023-06 (0 %); 10,000,000 against 4,500,000 (+122.22 %)
 *  claims: 120 + 8 = 128 visits against 105 (+23 = 21.90 %); requested 50,000,000 against 40,000,000
 *    (+25 %), approved 46,500,000 against 40,000,000 (+16.25 %), refused 3,500,000 against 0
 *  inspections: 2 (1 unannounced) finding 32,000,000, against none
 *  arrears on 2024-06-30: 111,200,000 at 2 employers (QT00001, QT00002), none a year earlier; 11.12 % of plan;
 *    interest 0, not computed (no k for 2024), so the prose says it is incomplete
 */
export const REPORT_45_H1_2024 = {
  areaCode: '45', name: 'Tỉnh Quảng Trị', from: '2024-01-01', to: '2024-06-30', previousFrom: '2023-01-01', previousTo: '2023-06-30',
  previousYearHasData: true,
  plan: { year: 2024, assignedOn: '2024-02-15' },
  collections: { amount: compared('98760000', '50000000', '48760000', 97.52), count: compared(3, 1, 2, 200), target: '1000000000', percentOfPlan: 9.88 },
  participants: {
    total: { ...compared(4, 1, 3, 300), target: 110, percentOfPlan: 3.64 },
    mandatorySocialInsurance: { ...compared(11, 0, 11, null), target: 40, percentOfPlan: 27.5, percentOfLabourForce: 5.5 },
    voluntarySocialInsurance: { ...compared(1, 0, 1, null), target: 10, percentOfPlan: 10, percentOfLabourForce: 0.5 },
    unemploymentInsurance: { ...compared(9, 0, 9, null), target: 40, percentOfPlan: 22.5, percentOfLabourForce: 4.5 },
    healthInsurance: { ...compared(3, 1, 2, 200), target: 100, percentOfPlan: 3, percentOfPopulation: 0.75 },
  },
  books: { issued: compared(2, 1, 1, 100) },
  cards: { issued: compared(3, 1, 2, 200) },
  monthlyBenefits: { recipients: compared(1, 1, 0, 0), amount: compared('10000000', '4500000', '5500000', 122.22) },
  benefits: { amount: compared('22000000', '4500000', '17500000', 388.89), payments: compared(3, 1, 2, 200), recipients: compared(2, 1, 1, 100) },
  claims: {
    visits: compared(128, 105, 23, 21.9),
    requested: compared('50000000', '40000000', '10000000', 25),
    approved: compared('46500000', '40000000', '6500000', 16.25),
    refused: compared('3500000', '0', '3500000', null),
  },
  inspections: { count: compared(2, 0, 2, null), unannounced: compared(1, 0, 1, null), arrearsFound: compared('32000000', '0', '32000000', null) },
  arrears: {
    overdue: compared('111200000', '0', '111200000', null), employers: compared(2, 0, 2, null), percentOfCollectionPlan: 11.12,
    // Interest of QT00001 and QT00002 on 2024-06-30 is 0, not computed: k for 2024 is not announced (ARREARS_ON_2024_06_30).
    interest: compared('0', '0', '0', null), interestComputed: false, interestPercentOfTotal: 0, evasion: { employers: 0, overdue: '0' },
  },
};

/** The same report as prose: vi-VN numbers (98,76 triệu đồng; every percentage with two decimals: 9,88%, 300,00%); no comparison with a year that had 0. */
export const REPORT_45_H1_2024_TEXT = [
  'KẾT QUẢ THỰC HIỆN CHÍNH SÁCH BHXH, BHYT, BHTN — TỈNH QUẢNG TRỊ',
  'Từ ngày 1/1/2024 đến ngày 30/6/2024',
  '',
  'Tổng số thu BHXH, BHYT, BHTN đạt 98,76 triệu đồng, đạt 9,88% kế hoạch, tăng 48,76 triệu đồng (97,52%) so với cùng kỳ năm 2023.',
  'Tổng số người tham gia BHXH, BHYT là 4 người, tăng 3 người (300,00%) so với cùng kỳ năm 2023, đạt 3,64% kế hoạch. '
    + 'Trong đó: BHXH bắt buộc 11 người, đạt 27,50% kế hoạch, chiếm 5,50% lực lượng lao động; '
    + 'BHXH tự nguyện 1 người, đạt 10,00% kế hoạch, chiếm 0,50% lực lượng lao động; '
    + 'BHTN 9 người, đạt 22,50% kế hoạch, chiếm 4,50% lực lượng lao động; '
    + 'BHYT 3 người, đạt 3,00% kế hoạch, tỷ lệ bao phủ 0,75% dân số.',
  'Cấp 2 sổ BHXH, tăng 1 sổ (100,00%) so với cùng kỳ năm 2023; cấp 3 thẻ BHYT, tăng 2 thẻ (200,00%) so với cùng kỳ năm 2023.',
  'Chi trả các chế độ BHXH, BHTN 22 triệu đồng, tăng 17,5 triệu đồng (388,89%) so với cùng kỳ năm 2023, với 3 hồ sơ hưởng. '
    + 'Số người hưởng lương hưu, trợ cấp BHXH, BHTN hằng tháng là 1 người, bằng cùng kỳ năm 2023, số tiền chi trả hằng tháng trong kỳ 10 triệu đồng.',
  'Giám định 128 lượt khám chữa bệnh BHYT, tăng 23 lượt (21,90%) so với cùng kỳ năm 2023, với số tiền đề nghị thanh toán 50 triệu đồng; '
    + 'chấp nhận 46,5 triệu đồng, từ chối 3,5 triệu đồng.',
  'Thanh tra, kiểm tra 2 đơn vị (1 đơn vị kiểm tra đột xuất), phát hiện số tiền chậm đóng 32.000.000 đồng.',
  'Số tiền chậm đóng quá hạn đến ngày 30/6/2024 là 111,2 triệu đồng của 2 đơn vị, bằng 11,12% kế hoạch thu; '
    + 'tiền lãi chậm đóng 0 đồng (chưa tính đủ: có tháng chưa có lãi suất được công bố), tổng số nợ 111,2 triệu đồng '
    + '(tiền lãi chiếm 0,00%); không có đơn vị trốn đóng.',
].join('\n') + '\n';
