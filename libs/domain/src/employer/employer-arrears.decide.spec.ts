import type { Command } from '../commands.js';
import type { DomainEvent } from '../events.js';
import { commandKeyOf, streamIdFor } from '../ledger-decider.js';
import { given } from '../testing/decider-scenario.js';

const stream = 'employer-BL00001';
const registered: DomainEvent = {
  type: 'EmployerRegistered',
  data: { unitCode: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu', areaCode: '954', registeredOn: '2019-03-01' },
};
const remind: Command = { command: 'RemindEmployer', data: { reminderRef: 'ĐĐ-0123/BHXH', unitCode: 'BL00001', sentOn: '2025-10-08', amountLate: '10000000' } };
const flood: Command = { command: 'RecordForceMajeure', data: { unitCode: 'BL00001', from: '2025-12-10', to: '2025-12-20', reason: 'Lũ lụt', documentRef: 'QĐ 77/QĐ-UBND' } };
const regionII: Command = { command: 'ChangeEmployerProfile', data: { unitCode: 'BL00001', effectiveOn: '2024-07-01', wageRegion: 2, highRiskApproval: { rate: '0.3', decisionRef: 'QĐ 1234/QĐ-BLĐTBXH' } } };
const suspension: Command = { command: 'GrantFundSuspension', data: { unitCode: 'BL00001', fund: 'pension', from: '2021-07-01', to: '2022-06-30', decisionRef: 'QĐ 55/QĐ-BHXH' } };

describe('issue 22 facts on an employer stream', () => {
  it('records each fact in the employer\'s area', () => {
    given(stream, registered).when(remind).then([{ type: 'EmployerReminded', data: { reminderRef: 'ĐĐ-0123/BHXH', unitCode: 'BL00001', areaCode: '954', sentOn: '2025-10-08', amountLate: '10000000' } }]);
    given(stream, registered).when(flood).then([{ type: 'ForceMajeureRecorded', data: { unitCode: 'BL00001', areaCode: '954', from: '2025-12-10', to: '2025-12-20', reason: 'Lũ lụt', documentRef: 'QĐ 77/QĐ-UBND' } }]);
    given(stream, registered).when(regionII).then([{
      type: 'EmployerProfileChanged',
      data: { unitCode: 'BL00001', areaCode: '954', effectiveOn: '2024-07-01', wageRegion: 2, highRiskApproval: { rate: '0.3', decisionRef: 'QĐ 1234/QĐ-BLĐTBXH' } },
    }]);
    given(stream, registered).when(suspension).then([{ type: 'FundSuspensionGranted', data: { unitCode: 'BL00001', areaCode: '954', fund: 'pension', from: '2021-07-01', to: '2022-06-30', decisionRef: 'QĐ 55/QĐ-BHXH' } }]);
  });

  it('refuses an unregistered employer, dates out of order and a change of nothing', () => {
    for (const command of [remind, flood, regionII, suspension]) given(stream).when(command).thenRefuses('EMPLOYER_NOT_REGISTERED');
    given(stream, registered).when({ ...flood, data: { ...flood.data, to: '2025-12-09' } } as Command).thenRefuses('INVALID_PERIOD');
    given(stream, registered).when({ ...suspension, data: { ...suspension.data, to: '2021-06-30' } } as Command).thenRefuses('INVALID_PERIOD');
    given(stream, registered).when({ command: 'ChangeEmployerProfile', data: { unitCode: 'BL00001', effectiveOn: '2024-07-01' } }).thenRefuses('NOTHING_TO_CHANGE');
  });

  it('registers with a wage region and a sector when given', () => {
    given(stream).when({ command: 'RegisterEmployer', data: { ...(registered.data as object), wageRegion: 3, sector: 'cooperative' } as never })
      .then([{ type: 'EmployerRegistered', data: { ...(registered.data as object), wageRegion: 3, sector: 'cooperative' } as never }]);
  });

  it('reverses a reminder recorded by mistake', () => {
    given(stream, registered, { type: 'EmployerReminded', data: { reminderRef: 'X', unitCode: 'BL00001', areaCode: '954', sentOn: '2025-10-08', amountLate: '1' } })
      .when({ command: 'ReverseEntry', data: { eventId: 'evt-1', reason: 'Nhập sai', reversedOn: '2025-10-09' } })
      .then([{ type: 'EntryReversed', data: { eventId: 'evt-1', reversedType: 'EmployerReminded' as never, reversedPosition: 101, reason: 'Nhập sai', reversedOn: '2025-10-09', areaCode: '954' } }]);
  });

  it('keys each command by the contract\'s natural key', () => {
    const announce: Command = { command: 'AnnounceInterestRate', data: { year: 2017, fund: 'social', monthlyPercent: '1.317', documentRef: 'TB 425/TB-BHXH', announcedOn: '2017-02-14' } };
    expect([announce, remind, flood, regionII, suspension].map((command) => `${streamIdFor(command)} ${commandKeyOf(command)}`)).toEqual([
      'rules-interest AnnounceInterestRate:2017:social:2017-02-14',
      'employer-BL00001 RemindEmployer:ĐĐ-0123/BHXH',
      'employer-BL00001 RecordForceMajeure:BL00001:2025-12-10',
      'employer-BL00001 ChangeEmployerProfile:BL00001:2024-07-01',
      'employer-BL00001 GrantFundSuspension:QĐ 55/QĐ-BHXH',
    ]);
    given('rules-interest').when(announce).then([{ type: 'InterestRateAnnounced', data: announce.data as never }]);
  });
});
