// Writes the month after a generated ledger's last as an import file (bench/lib/new-month-commands.mjs:
// one command per active employer, spread over the list), to import on top of a large ledger, e.g.
// under --cpu-prof to see where a cold import's time goes at that size:
//   node bench/month-commands-file.mjs DIR/events.sqlite month.ndjson
import { writeFileSync } from 'node:fs';
import { newMonthCommands } from './lib/new-month-commands.mjs';

const [storeFile, out] = process.argv.slice(2);
const { month, commands } = newMonthCommands(storeFile, 'month-file');
writeFileSync(out, commands.map((command) => `${JSON.stringify(command)}\n`).join(''));
process.stdout.write(`${month}: ${commands.length} commands in ${out}\n`);
