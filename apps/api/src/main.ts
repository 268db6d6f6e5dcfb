import { configFromEnv } from '#runtime';
import { serve } from './serve.js';

// `nest start api` and `node dist/apps/api/src/main.js` run the server as `socai serve` does.
await serve(configFromEnv());
