// Preloaded with `node --import` by a spec that must know which modules a process loaded (which entry
// `socai serve` started: test/cli/serve-bundle.spec.ts). Its hooks append each ES module's URL that the
// process loads to the file named by SOCAI_SPEC_MODULE_LOADS, one a line.
import { register } from 'node:module';

register('./record-module-loads.hooks.mjs', import.meta.url);
