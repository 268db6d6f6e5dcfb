import { dtoClassFor } from '../command-dtos.js';
import { validateWithLibraries } from '../validate-command.js';
it('dbg', () => {
  const d = { receiptNo: 'PT-1', payer: { kind: 'employer', unitCode: 0, period: '2024-03' }, amount: '265000000', collectedOn: '2024-04-10' };
  console.log(JSON.stringify(validateWithLibraries('CollectContribution', dtoClassFor('CollectContribution')!, d)));
});
