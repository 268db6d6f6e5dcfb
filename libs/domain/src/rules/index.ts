export * from './dated-table.js';
export * from './contribution-rates.js';
export * from './salary-caps.js';
export * from './due-dates.js';
export * from './assessment.js';
export * from './interest.js';
export * from './interest-rates.js';
export * from './late-interest.js';
