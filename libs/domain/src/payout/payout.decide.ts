import { requireArea } from '../areas/require-area.js';
import { firstDayOf } from '../calendar.js';
import type { Command, ReconcilePayouts } from '../commands.js';
import type { DecideContext } from '../decider.js';
import type { DomainEvent } from '../events.js';
import { decideReversal } from '../reversal/reverse-entry.decide.js';
import type { PayoutState } from './payout.state.js';
import { reconcilePayouts } from './reconcile-payouts.js';

export type PayoutCommand = Extract<Command, { command: 'ReconcilePayouts' | 'ReverseEntry' }>;

/** Decides a command on a `payout-{areaCode}-{month}` stream; throws DomainError when a rule refuses it. */
export function decidePayout(command: PayoutCommand, state: PayoutState, ctx: DecideContext): DomainEvent[] {
  switch (command.command) {
    case 'ReconcilePayouts': return reconcile(command.data, ctx);
    // Reconciliations are not reversible; the shared rule says so (NOT_REVERSIBLE).
    case 'ReverseEntry': return decideReversal(command.data, state.facts);
  }
}

/** The statement's area must exist in the table in force on the first day of its month. */
function reconcile(command: ReconcilePayouts, ctx: DecideContext): DomainEvent[] {
  const areaCode = requireArea(ctx.areas, command.areaCode, firstDayOf(command.month));
  if (!ctx.ledgerPayments) throw new Error('ReconcilePayouts needs the ledger\'s payments of the month and area in the DecideContext');
  return [{
    type: 'PayoutsReconciled',
    data: {
      statementRef: command.statementRef,
      month: command.month,
      areaCode,
      agent: command.agent,
      reconciledOn: ctx.today,
      ...reconcilePayouts(command.lines, ctx.ledgerPayments),
    },
  }];
}
