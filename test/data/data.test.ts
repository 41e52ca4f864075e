import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { data, Rng } from '../../src/engine';

describe('2-D sets', () => {
  const makers = {
    xorCloud: (r: Rng) => data.xorCloud(200, 0.05, r),
    circles: (r: Rng) => data.circles(200, 0.05, r),
    spirals: (r: Rng) => data.spirals(200, 0.05, r),
    blobs: (r: Rng) => data.blobs(200, 0.1, r),
    moons: (r: Rng) => data.moons(200, 0.05, r),
  };
  for (const [name, make] of Object.entries(makers)) {
    it(`${name}: seeded, balanced, finite, in range`, () => {
      const a = make(new Rng(1));
      const b = make(new Rng(1));
      const c = make(new Rng(2));
      expect(Array.from(a.x)).toEqual(Array.from(b.x));
      expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
      expect(a.n).toBe(200);
      const counts = new Array(a.classes).fill(0);
      a.y.forEach((y) => counts[y]++);
      for (const k of counts) expect(Math.abs(k - 200 / a.classes)).toBeLessThanOrEqual(1);
      for (const v of a.x) expect(Math.abs(v)).toBeLessThan(2);
    });
  }
  it('xor has the four points', () => {
    const d = data.xor();
    expect(Array.from(d.y)).toEqual([0, 1, 1, 0]);
  });
  it('train/val split is a seeded partition', () => {
    const d = data.spirals(100, 0.01, new Rng(3));
    const { train, val } = data.trainValSplit(d, 0.3, new Rng(4));
    expect(val.n).toBe(30);
    expect(train.n).toBe(70);
    const key = (x: Float32Array, i: number) => `${x[2 * i]},${x[2 * i + 1]}`;
    const all = new Set<string>();
    for (let i = 0; i < train.n; i++) all.add(key(train.x, i));
    for (let i = 0; i < val.n; i++) all.add(key(val.x, i));
    expect(all.size).toBe(100);
  });
});

describe('sequence task', () => {
  it('label is the first input; length parameter respected', () => {
    const b = data.firstBitTask(50, 20, new Rng(1));
    expect(b.x.length).toBe(50 * 20);
    for (let i = 0; i < 50; i++) expect(b.y[i]).toBe(b.x[i * 20] > 0 ? 1 : 0);
    expect(Array.from(data.stepSlice(b, 0))).toEqual(Array.from({ length: 50 }, (_, i) => b.x[i * 20]));
  });
});

describe('loss surfaces', () => {
  for (const [name, s] of Object.entries(data.surfaces)) {
    it(`${name}: gradient matches finite differences; minima are stationary`, () => {
      const h = 1e-6;
      for (const [x, y] of [[0.3, -0.7], [1.2, 0.4], [-1, 1.5]]) {
        const [gx, gy] = s.grad(x, y);
        const nx = (s.f(x + h, y) - s.f(x - h, y)) / (2 * h);
        const ny = (s.f(x, y + h) - s.f(x, y - h)) / (2 * h);
        expect(Math.abs(gx - nx)).toBeLessThan(1e-3 * Math.max(1, Math.abs(nx)));
        expect(Math.abs(gy - ny)).toBeLessThan(1e-3 * Math.max(1, Math.abs(ny)));
      }
      for (const [x, y] of [...s.minima, ...(s.saddles ?? [])]) {
        const [gx, gy] = s.grad(x, y);
        expect(Math.hypot(gx, gy)).toBeLessThan(1e-3);
      }
    });
  }
  it('quadratic condition number', () => {
    const q = data.quadratic(50);
    expect(q.grad(1, 1)).toEqual([1, 50]);
  });
  it('the cliff is steep', () => {
    expect(Math.abs(data.cliff.grad(0, 0)[0])).toBeGreaterThan(20);
  });
});

describe('digits', () => {
  it('loads 10,000 labelled 28x28 digits with a fixed 8,000 / 2,000 split', async () => {
    const d = await data.loadDigits();
    expect(d.count).toBe(10000);
    expect([d.rows, d.cols]).toEqual([28, 28]);
    expect(d.train).toEqual({ start: 0, count: 8000 });
    expect(d.test).toEqual({ start: 8000, count: 2000 });
    const counts = new Array(10).fill(0);
    d.labels.forEach((l) => counts[l]++);
    for (const c of counts) expect(c).toBeGreaterThan(800);
    const px = data.digitPixels(d, [0, 1]);
    expect(px.length).toBe(2 * 784);
    expect(Math.max(...px)).toBeLessThanOrEqual(1);
    expect(Math.max(...px)).toBeGreaterThan(0.9);
  });
  it('the browser path (fetch + gzip DecompressionStream) reads the same file', async () => {
    const body = readFileSync('public/digits.bin');
    const server = createServer((_req, res) => res.end(body));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const viaFetch = await data.loadDigits(`http://127.0.0.1:${port}/digits.bin`, { fetch: true });
      const viaFs = await data.loadDigits();
      expect(viaFetch.count).toBe(10000);
      expect(Buffer.from(viaFetch.labels).equals(Buffer.from(viaFs.labels))).toBe(true);
      expect(Buffer.from(viaFetch.pixels.subarray(0, 5000)).equals(Buffer.from(viaFs.pixels.subarray(0, 5000)))).toBe(true);
    } finally {
      server.close();
    }
  });
});
