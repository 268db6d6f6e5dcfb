export * from './employer.state.js';
export * from './employer.evolve.js';
export * from './employer.decide.js';
