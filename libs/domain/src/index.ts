export * from './money.js';
export * from './calendar.js';
export * from './errors.js';
export * from './commands.js';
export * from './events.js';
