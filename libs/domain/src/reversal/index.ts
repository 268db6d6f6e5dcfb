export * from './fact-index.js';
export * from './reverse-entry.decide.js';
