// Preloaded with `node --import` to report the process's peak resident set size on exit (KiB).
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `peak-rss-kib=${process.resourceUsage().maxRSS}\n`);
});
