export * from './facility.state.js';
export * from './facility.evolve.js';
export * from './facility.decide.js';
