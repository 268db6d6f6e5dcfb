import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

/** The apt line CI runs; the specs never download a browser. */
export const CHROMIUM_APT = 'apt-get update && apt-get install -y chromium';

/** Debian's Chromium on PATH, or an error that says how to install it (the browser specs fail, never skip). */
export function chromiumPath(): string {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`Chromium is missing: the dashboard's browser specs drive Debian's chromium. Install it with: ${CHROMIUM_APT}`);
  }
}

/** Headless Chromium with nothing that reaches the network on its own (the machines are offline). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
