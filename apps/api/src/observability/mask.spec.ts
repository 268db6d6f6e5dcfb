import { maskPersonIds } from './mask.js';

describe('maskPersonIds', () => {
  it.each([
    ['IssueBook:4501234567:2024-02-20', 'IssueBook:******4567:2024-02-20'],
    ['/api/streams/person-045123456789/events', '/api/streams/person-********6789/events'],
    ['IssueCard:DN4450123456789:2024-01-01', 'IssueCard:DN*********6789:2024-01-01'],
    ['CollectContribution:R-0001', 'CollectContribution:R-0001'],
    ['AssessContribution:BL00001:2023-05', 'AssessContribution:BL00001:2023-05'],
  ])('%s → %s', (text, masked) => {
    expect(maskPersonIds(text)).toBe(masked);
  });
});
