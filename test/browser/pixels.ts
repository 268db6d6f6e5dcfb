import type { Page } from 'playwright-core';
import { decodePng } from './png.js';

/** Elements with a flat background of their own: their padding shows that colour and nothing else. */
const PROBED = ['header.top', '.login-card', '#login-submit', '.banner:not([hidden])', '.panel:not([hidden])', '.bar-fill'];

export interface Probe {
  selector: string;
  x: number;
  y: number;
  expected: [number, number, number];
  actual: [number, number, number];
}

/**
 * Reads back what a screenshot shows: its size must be the viewport's (or the whole document's), and
 * at a point inside the padding of each visible element of PROBED (10 px from the left, 5 px from the
 * top, clear of rounded corners and text) the image must hold the background colour the page computes
 * for that element. A blank, cut or stale image fails; a byte count could not tell.
 */
export async function probeScreenshot(page: Page, image: Buffer, fullPage: boolean): Promise<{ size: [number, number]; expectedSize: [number, number]; probes: Probe[] }> {
  const layout = await page.evaluate(({ selectors, whole }) => {
    const doc = (globalThis as any).document;
    const win = globalThis as any;
    const area = whole
      ? { width: doc.documentElement.scrollWidth, height: doc.documentElement.scrollHeight, dx: win.scrollX, dy: win.scrollY }
      : { width: win.innerWidth, height: win.innerHeight, dx: 0, dy: 0 };
    const points: { selector: string; x: number; y: number; colour: string }[] = [];
    for (const selector of selectors) {
      let taken = 0;
      for (const element of doc.querySelectorAll(selector)) {
        const box = element.getBoundingClientRect();
        const colour = win.getComputedStyle(element).backgroundColor as string;
        const x = Math.round(box.left + 10 + area.dx);
        const y = Math.round(box.top + 5 + area.dy);
        const opaque = /^rgb\(/.test(colour);
        if (opaque && box.width > 20 && box.height > 10 && x >= 0 && y >= 0 && x < area.width && y < area.height && taken < 3) {
          points.push({ selector, x, y, colour });
          taken += 1;
        }
      }
    }
    return { width: area.width, height: area.height, points };
  }, { selectors: PROBED, whole: fullPage });
  const png = decodePng(image);
  const probes = layout.points.map(({ selector, x, y, colour }) => ({
    selector, x, y,
    expected: colour.match(/\d+/g)!.slice(0, 3).map(Number) as [number, number, number],
    actual: png.pixel(x, y),
  }));
  return { size: [png.width, png.height], expectedSize: [layout.width, layout.height], probes };
}
