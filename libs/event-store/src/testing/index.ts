export { eventStoreContract } from './event-store.contract.js';
export { storedRows } from './stored-rows.js';
export { testEvent } from './test-event.js';
