export * from './area.js';
export * from './area-csv.js';
export * from './area-directory.js';
export * from './require-area.js';
