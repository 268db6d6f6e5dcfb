export * from './openapi-document.js';
export * from './command-examples.js';
export * from './schemas.js';
export * from './write-openapi.js';
