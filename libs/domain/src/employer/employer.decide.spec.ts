import type { Command } from '../commands.js';
import type { DomainEvent } from '../events.js';
import { decideCommand } from '../ledger-decider.js';
import { given, testContext } from '../testing/decider-scenario.js';

const stream = 'employer-BL00001';
const registered: DomainEvent = {
  type: 'EmployerRegistered',
  data: { unitCode: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu', areaCode: '954', registeredOn: '2019-03-01' },
};
const register = (areaCode = '954', registeredOn = '2019-03-01', taxCode?: string): Command => ({
  command: 'RegisterEmployer',
  data: { unitCode: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu', areaCode, registeredOn, ...(taxCode ? { taxCode } : {}) },
});
const changeStatus = (status: 'active' | 'suspended' | 'dissolved', effectiveOn: string): Command => ({
  command: 'ChangeEmployerStatus', data: { unitCode: 'BL00001', status, effectiveOn, reason: 'Quyết định' },
});
const statusChanged = (status: 'active' | 'suspended' | 'dissolved', effectiveOn: string): DomainEvent => ({
  type: 'EmployerStatusChanged', data: { unitCode: 'BL00001', areaCode: '954', status, effectiveOn, reason: 'Quyết định' },
});
const assess = (period: string, payroll = '1234567', unemploymentPayroll?: string): Command => ({
  command: 'AssessContribution',
  data: {
    unitCode: 'BL00001', period, headcount: { socialInsurance: 1, healthInsurance: 1, unemploymentInsurance: 1 }, payroll,
    ...(unemploymentPayroll ? { unemploymentPayroll } : {}), assessedOn: `${period}-01`,
  },
});
const assessedMay2023: DomainEvent = {
  type: 'ContributionAssessed',
  data: {
    unitCode: 'BL00001', areaCode: '954', period: '2023-05', headcount: { socialInsurance: 1, healthInsurance: 1, unemploymentInsurance: 1 },
    payroll: '1234567', unemploymentPayroll: '1234567', assessedOn: '2023-05-01', dueDate: '2023-05-31',
    funds: { pension: '271605', sickness: '37037', accident: '6173', health: '55556', unemployment: '24691' }, due: '395062',
  },
};
const reversal = (eventId: string, reversedType: 'ContributionAssessed' | 'EmployerStatusChanged', reversedPosition: number): DomainEvent => ({
  type: 'EntryReversed', data: { eventId, reversedType, reversedPosition, reason: 'Nhập sai', reversedOn: '2023-06-02', areaCode: '954' },
});

describe('RegisterEmployer', () => {
  it('registers a new employer in a district in force on the registration date', () => {
    given(stream).when(register()).then([registered]);
    given(stream).when(register('954', '2019-03-01', '1900123456')).then([{ ...registered, data: { ...registered.data, taxCode: '1900123456' } } as DomainEvent]);
  });
  it('refuses an employer already registered', () => {
    given(stream, registered).when(register()).thenRefuses('EMPLOYER_ALREADY_REGISTERED');
  });
  it('refuses an area not in the table of the registration date', () => {
    given(stream).when(register('999')).thenRefuses('UNKNOWN_AREA');
    given(stream).when(register('954', '2025-07-01')).thenRefuses('UNKNOWN_AREA');
    given(stream).when(register('31942', '2025-06-30')).thenRefuses('UNKNOWN_AREA');
  });
  it('takes a commune from 2025-07-01', () => {
    given(stream).when(register('31942', '2025-07-01')).then([{ type: 'EmployerRegistered', data: { ...registered.data, areaCode: '31942', registeredOn: '2025-07-01' } }]);
  });
});

describe('ChangeEmployerStatus', () => {
  it('records a first confirmation of active: registration itself records no status', () => {
    given(stream, registered).when(changeStatus('active', '2021-06-30')).then([statusChanged('active', '2021-06-30')]);
  });
  it('refuses an unregistered employer', () => {
    given(stream).when(changeStatus('suspended', '2021-06-30')).thenRefuses('EMPLOYER_NOT_REGISTERED');
  });
  it('refuses the status already in force on the effective date', () => {
    given(stream, registered, statusChanged('suspended', '2024-01-01')).when(changeStatus('suspended', '2024-03-01')).thenRefuses('STATUS_UNCHANGED');
    given(stream, registered, statusChanged('suspended', '2024-01-01')).when(changeStatus('suspended', '2024-01-01')).thenRefuses('STATUS_UNCHANGED');
  });
  it('allows the same status before the change takes effect, and another status after', () => {
    given(stream, registered, statusChanged('suspended', '2024-01-01')).when(changeStatus('suspended', '2023-12-01')).then([statusChanged('suspended', '2023-12-01')]);
    given(stream, registered, statusChanged('suspended', '2024-01-01')).when(changeStatus('dissolved', '2024-03-01')).then([statusChanged('dissolved', '2024-03-01')]);
  });
  it('ignores a reversed status change', () => {
    given(stream, registered, statusChanged('suspended', '2024-01-01'), reversal('evt-1', 'EmployerStatusChanged', 101))
      .when(changeStatus('suspended', '2024-03-01')).then([statusChanged('suspended', '2024-03-01')]);
  });
});

describe('AssessContribution', () => {
  it('records each fund, the total and the due date, in the employer\'s registered area', () => {
    given(stream, registered).when(assess('2023-05')).then([assessedMay2023]);
  });
  it('records a separate BHTN payroll when given', () => {
    given(stream, registered).when(assess('2023-05', '1234567', '1000000')).then([{
      type: 'ContributionAssessed',
      data: { ...assessedMay2023.data, unemploymentPayroll: '1000000', funds: { ...(assessedMay2023 as { data: { funds: object } }).data.funds, unemployment: '20000' }, due: '390371' },
    } as DomainEvent]);
  });
  it('refuses an unregistered employer', () => {
    given(stream).when(assess('2023-05')).thenRefuses('EMPLOYER_NOT_REGISTERED');
  });
  it('refuses a period already assessed', () => {
    given(stream, registered, assessedMay2023).when(assess('2023-05', '2000000')).thenRefuses('PERIOD_ALREADY_ASSESSED');
  });
  it('assesses a period again once its assessment is reversed', () => {
    given(stream, registered, assessedMay2023, reversal('evt-1', 'ContributionAssessed', 101)).when(assess('2023-05')).then([assessedMay2023]);
  });
  it('refuses a period older than the configured rates', () => {
    given(stream, registered).when(assess('2015-01')).thenRefuses('RULES_NOT_CONFIGURED');
  });
});

describe('CollectContribution from an employer', () => {
  const collect = (areaCode?: string): Command => ({
    command: 'CollectContribution',
    data: { receiptNo: 'BL-R-0001', payer: { kind: 'employer', unitCode: 'BL00001' }, amount: '16000000', collectedOn: '2021-06-10', ...(areaCode ? { areaCode } : {}) },
  });
  const collected = (areaCode: string): DomainEvent => ({
    type: 'ContributionCollected',
    data: { receiptNo: 'BL-R-0001', payer: { kind: 'employer', unitCode: 'BL00001' }, amount: '16000000', collectedOn: '2021-06-10', areaCode },
  });
  it('places the payment in the employer\'s area, or in the area the clerk names', () => {
    given(stream, registered).when(collect()).then([collected('954')]);
    given(stream, registered).when(collect('956')).then([collected('956')]);
  });
  it('refuses an unregistered employer and an unknown area', () => {
    given(stream).when(collect()).thenRefuses('EMPLOYER_NOT_REGISTERED');
    given(stream, registered).when(collect('96')).thenRefuses('UNKNOWN_AREA');
  });
});

describe('RecordInspection', () => {
  const inspect: Command = {
    command: 'RecordInspection', data: { inspectionId: 'BL-TT-01', unitCode: 'BL00001', inspectedOn: '2021-04-20', unannounced: true, arrearsFound: '848452815' },
  };
  it('records the inspection in the employer\'s area', () => {
    given(stream, registered).when(inspect).then([{
      type: 'InspectionRecorded',
      data: { inspectionId: 'BL-TT-01', unitCode: 'BL00001', areaCode: '954', inspectedOn: '2021-04-20', unannounced: true, arrearsFound: '848452815' },
    }]);
  });
  it('refuses an unregistered employer', () => {
    given(stream).when(inspect).thenRefuses('EMPLOYER_NOT_REGISTERED');
  });
});

describe('ReverseEntry on an employer stream', () => {
  const reverse = (eventId: string): Command => ({ command: 'ReverseEntry', data: { eventId, reason: 'Nhập sai', reversedOn: '2023-06-02' } });
  it('reverses an assessment, naming its type, position and area', () => {
    given(stream, registered, assessedMay2023).when(reverse('evt-1')).then([reversal('evt-1', 'ContributionAssessed', 101)]);
  });
  it('refuses an unknown event, a registration, a reversal and a fact reversed already', () => {
    given(stream, registered).when(reverse('nope')).thenRefuses('EVENT_NOT_FOUND');
    given(stream, registered).when(reverse('evt-0')).thenRefuses('NOT_REVERSIBLE');
    given(stream, registered, assessedMay2023, reversal('evt-1', 'ContributionAssessed', 101)).when(reverse('evt-2')).thenRefuses('NOT_REVERSIBLE');
    given(stream, registered, assessedMay2023, reversal('evt-1', 'ContributionAssessed', 101)).when(reverse('evt-1')).thenRefuses('ALREADY_REVERSED');
  });
});

describe('RelocateEmployer', () => {
  const relocate = (areaCode: string, effectiveOn: string): Command => ({
    command: 'RelocateEmployer', data: { unitCode: 'BL00001', areaCode, effectiveOn, reason: 'Sắp xếp đơn vị hành chính' },
  });
  const relocated = (areaCode: string, effectiveOn: string, fromAreaCode: string): DomainEvent => ({
    type: 'EmployerRelocated', data: { unitCode: 'BL00001', areaCode, fromAreaCode, effectiveOn, reason: 'Sắp xếp đơn vị hành chính' },
  });
  const toCommune = relocated('31942', '2025-09-01', '96');

  it('moves an employer of an abolished district to a commune; it counted in the successor province meanwhile', () => {
    given(stream, registered).when(relocate('31942', '2025-09-01')).then([toCommune]);
  });

  it('places later facts in the home of their date: the district, then the successor, then the commune', () => {
    const { state } = given(stream, registered, toCommune);
    const assessedIn = (period: string) => (decideCommand(assess(period), state, testContext)[0].data as { areaCode: string }).areaCode;
    expect(['2025-06', '2025-08', '2025-09', '2026-01'].map(assessedIn)).toEqual(['954', '96', '31942', '31942']);
  });

  it('forgets a reversed relocation', () => {
    const reversed: DomainEvent = {
      type: 'EntryReversed', data: { eventId: 'evt-1', reversedType: 'EmployerRelocated', reversedPosition: 101, reason: 'Nhập sai', reversedOn: '2025-10-01', areaCode: '31942' },
    };
    const events = given(stream, registered, toCommune, reversed).when(changeStatus('suspended', '2025-11-01'));
    events.then([{ type: 'EmployerStatusChanged', data: { unitCode: 'BL00001', areaCode: '96', status: 'suspended', effectiveOn: '2025-11-01', reason: 'Quyết định' } }]);
  });

  it('refuses an abolished target after 2025-07-01 naming its successor, a date before registration, and the same home', () => {
    given(stream, registered).when(relocate('956', '2025-09-01')).thenRefuses('UNKNOWN_AREA');
    given(stream, registered).when(relocate('956', '2019-02-28')).thenRefuses('DATE_BEFORE_EVENT');
    given(stream, registered).when(relocate('954', '2024-01-01')).thenRefuses('AREA_UNCHANGED');
    given(stream).when(relocate('31942', '2025-09-01')).thenRefuses('EMPLOYER_NOT_REGISTERED');
  });
});
