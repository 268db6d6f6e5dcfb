// Module hooks (node:module `register`): they run on the loader's own thread, so the list is written to a file.
import { appendFileSync } from 'node:fs';

export async function load(url, context, nextLoad) {
  appendFileSync(process.env.SOCAI_SPEC_MODULE_LOADS, `${url}\n`);
  return nextLoad(url, context);
}
