export * from './reconcile-payouts.js';
export * from './payout.state.js';
export * from './payout.evolve.js';
export * from './payout.decide.js';
