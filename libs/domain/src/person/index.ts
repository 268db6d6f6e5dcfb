export * from './person.state.js';
export * from './person.evolve.js';
export * from './person-area.js';
export * from './person.decide.js';
