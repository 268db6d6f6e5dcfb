export * from './bank-credits.tables.js';
export * from './bank-credits.writer.js';
export * from './bank-credits.query.js';
export * from './bank-credits.csv.js';
export * from './bank-credits.xlsx.js';
