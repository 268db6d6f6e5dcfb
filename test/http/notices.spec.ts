import { auth, startTestServer, type TestServer } from '../support/test-server.js';
import { assessment, RATES_2017, recordAll, REGISTER_QT00001, type Post } from '../support/arrears-fixtures.js';
import { pdfText } from '../support/pdf-text.js';

/**
 * GET /api/employers/{unitCode}/notices/{month} through a real Nest app: March 2017 of an employer
 * that owes January, is assessed March, pays part of January on 15 March (March is not due until the
 * 31st, so the payment settles only what is late), and is charged interest by the close of March. The figures are the ledger's, to the đồng; the PDF is read back with PDF.js.
 */
describe('the monthly notice (C12-TS) over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    const posts: Post[] = [
      ...RATES_2017,
      REGISTER_QT00001,
      assessment('QT00001', '2017-01'),
      assessment('QT00001', '2017-03'),
      ['/api/collections', { receiptNo: 'QT-R-1', payer: { kind: 'employer', unitCode: 'QT00001' }, amount: '10000000', collectedOn: '2017-03-15' }],
      ['/api/month-end-closes', { month: '2017-03', areaCode: '45', closedOn: '2017-04-01' }],
    ];
    await recordAll(server, posts);
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers the month in JSON: opening, assessed, paid and where it went, interest charged, closing, late amount', async () => {
    const position = await server.runtime.store.headPosition();
    const { status, body } = await server.request('GET', `/api/employers/QT00001/notices/2017-03?minPosition=${position}`);
    expect(status).toBe(200);
    const funds = (pension: string, sickness: string, accident: string, health: string, unemployment: string, total: string) =>
      ({ pension, sickness, accident, health, unemployment, total });
    const zero = funds('0', '0', '0', '0', '0', '0');
    // 16,250,000 a period: pension 22 %, sickness 3 %, accident 1 %, health 4.5 %, unemployment 2 % of 50,000,000.
    const period = funds('11000000', '1500000', '500000', '2250000', '1000000', '16250000');
    expect(body).toMatchObject({
      unitCode: 'QT00001', name: 'Công ty Gỗ Hướng Hóa', areaCode: '465', month: '2017-03', from: '2017-03-01', to: '2017-03-31', status: 'active',
      opening: { principal: period, interest: zero, credit: '0', total: '16250000' },
      assessed: { byFund: period, periods: [{ period: '2017-03', assessedOn: '2017-03-01', dueDate: '2017-03-31', amount: '16250000' }] },
      adjustments: { principal: zero, interest: zero, items: [] },
      // What is late on 15 March (January) by fund: health, unemployment, sickness, accident, then 4,750,000 of its pension.
      paid: { amount: '10000000', principal: funds('4750000', '1500000', '500000', '2250000', '1000000', '10000000'), interest: zero },
      // February's end: 14,000,000 × 1.317 % + 2,250,000 × 0.967 %; March's end: January's pension 6,250,000 × 1.317 % = 82,312.5.
      interestCharged: { byFund: funds('227183', '19755', '6585', '21758', '13170', '288451'), charges: [{ month: '2017-03', from: null, to: '2017-03-31', total: '288451' }] },
      closing: { principal: funds('17250000', '1500000', '500000', '2250000', '1000000', '22500000'), interest: funds('227183', '19755', '6585', '21758', '13170', '288451'), credit: '0', total: '22788451' },
      lateAmount: { principal: '6250000', interest: '288451', total: '6538451', periods: [{ period: '2017-01', dueDate: '2017-01-31', amount: '6250000' }] },
      reminders: [],
      evasion: null,
      // The arrears query's headline reads the payment the same way: January's 6,250,000 is what is overdue.
      arrearsQuery: { asOf: '2017-03-31', overdue: '6250000', bucket: '1-to-3-months' },
    });
    expect(body.paid.payments).toEqual([{
      eventId: expect.any(String), receiptNo: 'QT-R-1', collectedOn: '2017-03-15', amount: '10000000', unallocated: '0',
      allocation: [
        { period: '2017-01', fund: 'health', kind: 'principal', amount: '2250000' },
        { period: '2017-01', fund: 'unemployment', kind: 'principal', amount: '1000000' },
        { period: '2017-01', fund: 'sickness', kind: 'principal', amount: '1500000' },
        { period: '2017-01', fund: 'accident', kind: 'principal', amount: '500000' },
        { period: '2017-01', fund: 'pension', kind: 'principal', amount: '4750000' },
      ],
    }]);
  });

  it('renders the same notice as a one-page A4 PDF in Vietnamese whose text reads back', async () => {
    const response = await fetch(`${server.url}/api/employers/QT00001/notices/2017-03?format=pdf`, { headers: auth(server.adminKey) });
    expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({ status: 200, type: 'application/pdf' });
    const { pages, text, pageSize } = await pdfText(new Uint8Array(await response.arrayBuffer()));
    expect({ pages, pageSize }).toEqual({ pages: 1, pageSize: [595, 842] });
    const lines = text.split('\n').map((line) => line.trim());
    for (const line of [
      'Thông báo kết quả đóng BHXH, BHYT, BHTN',
      'Tháng 3/2017 (từ 1/3/2017 đến 31/3/2017)',
      'Tên đơn vị: Công ty Gỗ Hướng Hóa',
      'Số dư đầu kỳ: tiền đóng 11.000.000 1.500.000 500.000 2.250.000 1.000.000 16.250.000',
      'Phải đóng phát sinh 11.000.000 1.500.000 500.000 2.250.000 1.000.000 16.250.000',
      'Lãi chậm đóng tính trong tháng 227.183 19.755 6.585 21.758 13.170 288.451',
      'Đã đóng: tiền đóng 4.750.000 1.500.000 500.000 2.250.000 1.000.000 10.000.000',
      'Số dư cuối kỳ: tiền đóng 17.250.000 1.500.000 500.000 2.250.000 1.000.000 22.500.000',
      'Số dư cuối kỳ: tiền lãi 227.183 19.755 6.585 21.758 13.170 288.451',
      'Tổng số còn phải đóng cuối tháng: 22.788.451 đồng.',
      'Số tiền chậm đóng đến ngày 31/3/2017: 6.538.451 đồng',
      'gồm tiền đóng 6.250.000 đồng và tiền lãi chậm đóng 288.451 đồng.',
    ]) expect(lines).toContain(line);
    expect(text).toContain('Ngày 15/3/2017, chứng từ QT-R-1: 10.000.000 đồng, phân bổ: 1/2017 BHYT (tiền đóng) 2.250.000;');
    // Every Vietnamese letter with a diacritic the notice prints comes back as itself, none as a blank or a box.
    expect(text).not.toMatch(/[\uFFFD\u25A1]/);
  });

  it('refuses what it cannot answer: 404 unknown employer, 400 bad month or format, 403 other area or role', async () => {
    const unknown = await server.request('GET', '/api/employers/XX99999/notices/2017-03');
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'EMPLOYER_NOT_REGISTERED' });
    const badMonth = await server.request('GET', '/api/employers/QT00001/notices/2017-13');
    expect({ status: badMonth.status, errors: badMonth.body.errors }).toEqual({ status: 400, errors: [{ field: 'month', message: 'must be a month YYYY-MM' }] });
    const badFormat = await server.request('GET', '/api/employers/QT00001/notices/2017-03?format=docx');
    expect({ status: badFormat.status, errors: badFormat.body.errors }).toEqual({ status: 400, errors: [{ field: 'format', message: 'must be one of json, pdf' }] });
    const key = async (role: string, area: string) => (await server.request('POST', '/api/keys', { name: `${role}-${area}`, role, areas: [area] })).body.key as string;
    expect((await server.request('GET', '/api/employers/QT00001/notices/2017-03', undefined, auth(await key('inspector', '95')))).status).toBe(403);
    expect((await server.request('GET', '/api/employers/QT00001/notices/2017-03', undefined, auth(await key('finance', '45')))).status).toBe(403);
    // The clerk who closes the month sends the notice.
    expect((await server.request('GET', '/api/employers/QT00001/notices/2017-03', undefined, auth(await key('clerk', '45')))).status).toBe(200);
    expect((await server.request('GET', '/api/employers/QT00001/notices/2017-03', undefined, auth(await key('inspector', '45')))).status).toBe(200);
    expect((await server.request('GET', '/api/employers/QT00001/notices/2017-03', undefined, auth(await key('auditor', '465')))).status).toBe(200);
  });
});
