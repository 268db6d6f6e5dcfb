import type { AssessClaim } from '../commands.js';
import { given } from '../testing/decider-scenario.js';

const stream = 'facility-95001';
const claim = (requested: string, approved: string, areaCode = '954'): AssessClaim => ({
  assessmentRef: 'BL-GD-2021-06-95001', facilityCode: '95001', areaCode, period: '2021-06', visits: { outpatient: 1200, inpatient: 80 },
  requested, approved, assessedOn: '2021-07-15',
});

describe('AssessClaim', () => {
  it('records what was accepted and what was refused', () => {
    given(stream).when({ command: 'AssessClaim', data: claim('900000000', '850000000') })
      .then([{ type: 'ClaimAssessed', data: { ...claim('900000000', '850000000'), refused: '50000000' } }]);
    given(stream).when({ command: 'AssessClaim', data: claim('900000000', '900000000') })
      .then([{ type: 'ClaimAssessed', data: { ...claim('900000000', '900000000'), refused: '0' } }]);
  });
  it('refuses an approval above the request', () => {
    given(stream).when({ command: 'AssessClaim', data: claim('900000000', '900000001') }).thenRefuses('APPROVED_EXCEEDS_REQUESTED');
  });
  it('refuses an unknown area', () => {
    given(stream).when({ command: 'AssessClaim', data: claim('900000000', '850000000', '96') }).thenRefuses('UNKNOWN_AREA');
  });
  it('reverses a claim assessment', () => {
    given(stream, { type: 'ClaimAssessed', data: { ...claim('900000000', '850000000'), refused: '50000000' } })
      .when({ command: 'ReverseEntry', data: { eventId: 'evt-0', reason: 'Giám định lại', reversedOn: '2021-08-01' } })
      .then([{ type: 'EntryReversed', data: { eventId: 'evt-0', reversedType: 'ClaimAssessed', reversedPosition: 100, reason: 'Giám định lại', reversedOn: '2021-08-01', areaCode: '954' } }]);
  });
});
