import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text of a PDF as a reader's copy-and-paste would give it, page by page, read back with PDF.js
 * (the legacy build runs on Node): proves the embedded font maps every glyph back to its letter.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string; pageSize: [number, number] }> {
  const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: string[] = [];
  let pageSize: [number, number] = [0, 0];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    if (number === 1) pageSize = [Math.round(page.view[2]), Math.round(page.view[3])];
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  await document.destroy();
  return { pages: document.numPages, text: pages.join('\n').replace(/[ \t]+/g, ' '), pageSize };
}
