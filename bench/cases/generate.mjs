// Writes a generated NDJSON command file (the same generator as `socai generate`).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { argsOf, report, timed } from '../lib/measure.mjs';
import { generateCommands } from '../lib/socai.mjs';

const args = argsOf();
const options = JSON.parse(args.options);
const { result: lines, seconds } = await timed(async () => {
  const out = createWriteStream(args.file);
  let count = 0;
  for (const line of generateCommands(options)) {
    count++;
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return count;
});
report('generate', { lines, seconds });
