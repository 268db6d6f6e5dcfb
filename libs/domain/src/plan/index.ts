export * from './plan.state.js';
export * from './plan.evolve.js';
export * from './plan.decide.js';
