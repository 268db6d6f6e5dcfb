export * from './bank-accounts.js';
export * from './bank-import.js';
export * from './bank-decisions.js';
export * from './bank-payers.js';
export * from './statement-file.js';
