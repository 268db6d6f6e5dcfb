export * from './bank-commands.js';
export * from './bank.state.js';
export * from './bank.evolve.js';
export * from './bank.decide.js';
