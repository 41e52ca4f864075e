import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { historyCsv, csvField } from '../../src/ui/export/csv';
import { crc32, insertText, isPng, pngSize, readChunks } from '../../src/ui/export/png';
import { exportName, paramsText, sourceLine } from '../../src/ui/export/names';
import { appendHistory, emptyHistory } from '../../src/ui/store';

/** A real 3x2 grey PNG built here (signature, IHDR, IDAT, IEND) with CRCs from node's zlib-independent table. */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const v = new DataView(out.buffer);
    v.setUint32(0, data.length);
    out.set(Buffer.from(type, 'latin1'), 4);
    out.set(data, 8);
    v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, 3);
  v.setUint32(4, 2);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const raw = Uint8Array.from([0, 10, 20, 30, 0, 40, 50, 60]);
  const parts = [Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())];
  return Uint8Array.from(parts.flatMap((p) => Array.from(p)));
}

describe('PNG tEXt', () => {
  it('crc32 matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
  });
  it('inserts a tEXt chunk after IHDR with a valid CRC; the image and its size are unchanged', () => {
    const png = tinyPng();
    const out = insertText(insertText(png, 'Comment', 'lesson=xor scene=2 params=lr=0.5'), 'Title', 'xor loss');
    expect(isPng(out)).toBe(true);
    expect(pngSize(out)).toEqual({ width: 3, height: 2 });
    const chunks = readChunks(out);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'tEXt', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect(chunks[1].text).toEqual(['Title', 'xor loss']);
    expect(chunks[2].text).toEqual(['Comment', 'lesson=xor scene=2 params=lr=0.5']);
    expect(out.length).toBe(png.length + 12 + 'Comment'.length + 1 + 'lesson=xor scene=2 params=lr=0.5'.length + 12 + 'Title'.length + 1 + 8);
  });
  it('refuses a bad keyword and a file that is not a PNG', () => {
    expect(() => insertText(tinyPng(), '', 'x')).toThrow();
    expect(() => insertText(tinyPng(), 'k'.repeat(80), 'x')).toThrow();
    expect(() => insertText(new Uint8Array(40), 'Comment', 'x')).toThrow(/not a PNG/);
  });
});

describe('metrics CSV', () => {
  it('writes a source comment, a header and one row per recorded step, in full precision, gaps empty', () => {
    let h = emptyHistory();
    h = appendHistory(h, 0, { step: 0, loss: 0.25 });
    h = appendHistory(h, 10, { step: 10, loss: 0.1234567891, acc: 0.5 });
    h = appendHistory(h, 20, { step: 20, loss: NaN, acc: 1 });
    const csv = historyCsv(h, 'lesson=xor scene=2');
    expect(csv.split('\n')).toEqual(['# lesson=xor scene=2', 'step,loss,acc', '0,0.25,', '10,0.1234567891,0.5', '20,,1', '']);
  });
  it('quotes names holding commas or quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('loss')).toBe('loss');
    const h = appendHistory(emptyHistory(), 1, { 'f(x, y)': 2 });
    expect(historyCsv(h).split('\n')[0]).toBe('step,"f(x, y)"');
  });
});

describe('export names', () => {
  const src = { lesson: 'xor', scene: 1, params: { lr: 0.2, seed: 3, model: 'mlp' }, url: 'http://h/lesson/xor?seed=3' };
  it('carry lesson, scene (counted from 1), seed and a hash of the params that changes with them', () => {
    const name = exportName(src, 'loss', 'png');
    expect(name).toMatch(/^xor-scene2-seed3-[0-9a-f]{6}-loss\.png$/);
    expect(exportName({ ...src, params: { ...src.params, lr: 0.5 } }, 'loss', 'png')).not.toBe(name);
    expect(exportName({ ...src, params: { seed: 3, model: 'mlp', lr: 0.2 } }, 'loss', 'png')).toBe(name);
    expect(exportName({ ...src, scene: -1 }, 'a/b', 'svg')).toMatch(/^xor-free-seed3-[0-9a-f]{6}-a_b\.svg$/);
  });
  it('the source line holds every param and stays printable ASCII', () => {
    expect(paramsText(src.params)).toBe('lr=0.2&model=mlp&seed=3');
    const line = sourceLine({ ...src, params: { ...src.params, note: 'θ' } });
    expect(line).toMatch(/^[\x20-\x7e]+$/);
    expect(line).toContain('lr=0.2&model=mlp&note=%CE%B8&seed=3');
    expect(line).toContain('url=http://h/lesson/xor?seed=3');
  });
});
