export * from './interest-rules.state.js';
export * from './interest-rules.evolve.js';
export * from './interest-rules.decide.js';
