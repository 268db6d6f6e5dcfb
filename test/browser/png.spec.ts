import { deflateSync } from 'node:zlib';
import { decodePng } from './png.js';

/** A PNG of `rows` (RGB triples), each scanline with the filter given, built by hand (PNG spec 9.2). */
function png(rows: number[][][], filters: number[]): Buffer {
  const width = rows[0]!.length;
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, 'latin1');
    return Buffer.concat([head, body, Buffer.alloc(4)]); // the decoder does not check CRCs
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(rows.length, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw: number[] = [];
  rows.forEach((row, y) => {
    const line = row.flat();
    const previous = y > 0 ? rows[y - 1]!.flat() : line.map(() => 0);
    raw.push(filters[y]!);
    line.forEach((value, i) => {
      const left = i >= 3 ? line[i - 3]! : 0;
      const up = previous[i]!;
      const upLeft = i >= 3 ? previous[i - 3]! : 0;
      // Paeth: the one of left, up, up-left nearest to left + up − up-left, ties in that order.
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      const paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      const predicted = [0, left, up, (left + up) >> 1, paeth][filters[y]!]!;
      raw.push((value - predicted) & 0xff);
    });
  });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from(raw))), chunk('IEND', Buffer.alloc(0))]);
}

it('decodes every scanline filter back to the pixels that were encoded', () => {
  const rows = [
    [[11, 61, 145], [255, 255, 255], [31, 111, 235]],
    [[244, 246, 248], [0, 0, 0], [200, 100, 50]],
    [[1, 2, 3], [250, 240, 230], [31, 111, 235]],
    [[90, 80, 70], [11, 61, 145], [128, 128, 128]],
    [[7, 7, 7], [100, 200, 250], [255, 0, 128]],
  ];
  const image = decodePng(png(rows, [0, 1, 2, 3, 4]));
  expect([image.width, image.height]).toEqual([3, 5]);
  expect(rows.map((row, y) => row.map((_, x) => image.pixel(x, y)))).toEqual(rows);
});
