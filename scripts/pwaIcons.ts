// The app's install icons, drawn at build time (no image files, no downloads):
// a blue tile with a small network of white nodes, encoded as PNG with node:zlib.
// The nodes stay inside the central 80% so the same image serves as a maskable icon.
import { deflateSync } from 'node:zlib';

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(b: Uint8Array): number {
  let c = -1;
  for (const x of b) c = CRC[(c ^ x) & 255] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Node centres and radius in units of the icon size: 2 inputs, 3 hidden, 1 output. */
const NODES: [number, number][] = [
  [0.27, 0.38], [0.27, 0.62],
  [0.5, 0.3], [0.5, 0.5], [0.5, 0.7],
  [0.73, 0.5],
];
const EDGES: [number, number][] = [[0, 2], [0, 3], [0, 4], [1, 2], [1, 3], [1, 4], [2, 5], [3, 5], [4, 5]];

function segDist(px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** An RGB PNG of the icon, `size` pixels square. */
export function iconPng(size: number): Buffer {
  const bg = [0x00, 0x72, 0xb2], fg = [0xff, 0xff, 0xff], edge = [0x7f, 0xb8, 0xd8];
  const row = 1 + size * 3;
  const raw = Buffer.alloc(row * size);
  for (let y = 0; y < size; y++) {
    raw[y * row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / size, v = (y + 0.5) / size;
      let c = bg;
      if (EDGES.some(([a, b]) => segDist(u, v, NODES[a], NODES[b]) < 0.012)) c = edge;
      if (NODES.some(([cx, cy]) => Math.hypot(u - cx, v - cy) < 0.055)) c = fg;
      raw.set(c, y * row + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  const sig = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]);
}

/** A Vite plugin that emits icon-192.png and icon-512.png into the build. */
export function pwaIcons() {
  return {
    name: 'dlp-pwa-icons',
    apply: 'build' as const,
    generateBundle(this: { emitFile(f: { type: 'asset'; fileName: string; source: Uint8Array }): string }) {
      for (const s of [192, 512]) this.emitFile({ type: 'asset', fileName: `icon-${s}.png`, source: iconPng(s) });
    },
  };
}
