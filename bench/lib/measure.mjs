// Small measuring helpers shared by the benchmark cases. Nothing here asserts a time: cases print figures.
import { readdirSync, readFileSync } from 'node:fs';

/** Seconds since `started` (a process.hrtime.bigint()). */
export function secondsSince(started) {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Runs `work` (sync or async) once and answers its result with the seconds it took. */
export async function timed(work) {
  const started = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: secondsSince(started) };
}

/** The p-th percentile (0–100) of a list of numbers, nearest rank. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/**
 * Peak resident set of this process in MB. Linux keeps the high-water mark (VmHWM), which catches a
 * peak between two samples; elsewhere the current RSS is the best we have.
 */
export function peakRssMb() {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Math.round(Number(match[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}

/** Calls `work` `count` times, one after another, and answers each call's latency in ms. */
export async function latencies(count, work) {
  const samples = new Array(count);
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await work(i);
    samples[i] = Number(process.hrtime.bigint() - started) / 1e6;
  }
  return samples;
}

/**
 * A case prints one JSON line last on standard output: `{"case": ..., "metrics": {...}}`. The runner
 * reads that line; anything printed before it is progress for a person watching.
 */
export function report(caseName, metrics) {
  process.stdout.write(`\n${JSON.stringify({ case: caseName, metrics })}\n`);
}

/** `--name value` pairs of a case's command line. */
export function argsOf(argv = process.argv.slice(2)) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
  return args;
}

export const round = (value, digits = 0) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

/** CPU seconds (user + system, every thread of this process) since `before`, a process.cpuUsage(). */
export function cpuSecondsSince(before) {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

/**
 * Bytes this process read and wrote through system calls (`rchar`/`wchar`, page cache hits included)
 * and from/to the disk (`read_bytes`/`write_bytes`), from /proc/self/io; empty elsewhere.
 */
export function ioCounters() {
  try {
    const text = readFileSync('/proc/self/io', 'utf8');
    const field = (name) => Number(new RegExp(`${name}: (\\d+)`).exec(text)?.[1] ?? NaN);
    return { rchar: field('rchar'), wchar: field('wchar'), readBytes: field('read_bytes'), writeBytes: field('write_bytes') };
  } catch {
    return {};
  }
}

/**
 * CPU ms of each thread of this process (user + system, from /proc/self/task), keyed by thread id;
 * the main thread's id is the process id. Empty off Linux. Take two and subtract (`threadCpuSince`).
 */
export function threadCpuMs() {
  const ticks = {};
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks[tid] = (Number(fields[11]) + Number(fields[12])) * 10;
    }
  } catch {
    // not Linux
  }
  return ticks;
}

/**
 * CPU ms each thread used since `before` (a threadCpuMs()): the main thread as `main`, the others by
 * thread id, largest first, those under 1 ms left out.
 */
export function threadCpuSince(before) {
  const now = threadCpuMs();
  const used = Object.entries(now).map(([tid, ms]) => [tid === String(process.pid) ? 'main' : tid, ms - (before[tid] ?? 0)]);
  return Object.fromEntries(used.filter(([, ms]) => ms >= 1).sort((a, b) => b[1] - a[1]));
}
