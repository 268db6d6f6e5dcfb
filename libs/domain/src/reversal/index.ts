export * from './stream-facts.js';
export * from './reverse-entry.decide.js';
