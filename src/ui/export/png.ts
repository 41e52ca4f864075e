/**
 * PNG chunks: a tEXt chunk (keyword, NUL, Latin-1 text) inserted after IHDR
 * so a figure carries what reproduces it; the reader the tests use.
 */

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

let table: Uint32Array | null = null;
/** CRC-32 (ISO 3309, polynomial 0xEDB88320) as PNG chunks use it. */
export function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function isPng(b: Uint8Array): boolean {
  return b.length >= 33 && SIGNATURE.every((v, i) => b[i] === v);
}

/** Width and height from IHDR (the first chunk). */
export function pngSize(b: Uint8Array): { width: number; height: number } {
  if (!isPng(b)) throw new Error('not a PNG');
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

/** Latin-1 bytes of a string; characters beyond it become "?" (callers pass ASCII). */
function latin1(s: string): number[] {
  return Array.from(s, (c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 63));
}

/** A copy of the PNG with a tEXt chunk (keyword 1-79 characters) right after IHDR. */
export function insertText(png: Uint8Array, keyword: string, text: string): Uint8Array {
  if (!isPng(png)) throw new Error('not a PNG');
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new Error('a tEXt keyword is 1-79 printable characters');
  const data = Uint8Array.from([...latin1(keyword), 0, ...latin1(text)]);
  const chunk = new Uint8Array(12 + data.length);
  const v = new DataView(chunk.buffer);
  v.setUint32(0, data.length);
  chunk.set([116, 69, 88, 116], 4); // "tEXt"
  chunk.set(data, 8);
  v.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  const ihdrEnd = 8 + 8 + new DataView(png.buffer, png.byteOffset).getUint32(8) + 4;
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, ihdrEnd), 0);
  out.set(chunk, ihdrEnd);
  out.set(png.subarray(ihdrEnd), ihdrEnd + chunk.length);
  return out;
}

/** Every chunk's type, in order, with tEXt contents and whether each CRC holds. */
export function readChunks(png: Uint8Array): { type: string; crcOk: boolean; text?: [string, string] }[] {
  if (!isPng(png)) throw new Error('not a PNG');
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: { type: string; crcOk: boolean; text?: [string, string] }[] = [];
  for (let at = 8; at + 12 <= png.length; ) {
    const len = v.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const crcOk = crc32(png.subarray(at + 4, at + 8 + len)) === v.getUint32(at + 8 + len);
    const chunk: (typeof out)[number] = { type, crcOk };
    if (type === 'tEXt') {
      const d = png.subarray(at + 8, at + 8 + len);
      const z = d.indexOf(0);
      chunk.text = [String.fromCharCode(...d.subarray(0, z)), String.fromCharCode(...d.subarray(z + 1))];
    }
    out.push(chunk);
    at += 12 + len;
    if (type === 'IEND') break;
  }
  return out;
}
