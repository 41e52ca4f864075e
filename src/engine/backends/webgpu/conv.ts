/**
 * conv2d (NCHW, direct form) with its input and filter gradients, and max and
 * average pooling with theirs. Every program gathers (one thread or workgroup
 * per output element), so no two threads write the same place and no float
 * atomics are needed; sums run in the cpu kernels' order where it is cheap.
 */
import type { Conv2dAttrs } from '../../ops/conv2d';
import type { PoolAttrs } from '../../ops/pool';
import type { Tensor } from '../../tensor';
import { coordsOf, grid, header, lit, perThread, TREE_PART, treeReduce, u, WG, type GpuProgram } from './program';

const threads = (key: string, n: number, nInputs: number, body: string): GpuProgram => perThread(key, n, nInputs, body);

const I = (v: number) => `${v | 0}i`;

/** y[n,o,oh,ow] = sum_{c,kh,kw} x[n,c,oh sh - ph + kh dh, ow sw - pw + kw dw] w[o,c,kh,kw]. */
export function conv2dProgram(x: Tensor, w: Tensor, out: Tensor, a: Conv2dAttrs): GpuProgram {
  const [, C, H, W] = x.shape;
  const [, , KH, KW] = w.shape;
  const key = `conv2d|${JSON.stringify([x.shape, w.shape, a])}`;
  return threads(key, out.size, 2, `${coordsOf(out.shape)}
  var acc = 0.0;
  for (var c = 0u; c < ${u(C)}; c++) {
    for (var kh = 0u; kh < ${u(KH)}; kh++) {
      let ih = i32(c2 * ${u(a.stride[0])} + kh * ${u(a.dilation[0])}) - ${I(a.pad[0])};
      if (ih < 0i || ih >= ${I(H)}) { continue; }
      for (var kw = 0u; kw < ${u(KW)}; kw++) {
        let iw = i32(c3 * ${u(a.stride[1])} + kw * ${u(a.dilation[1])}) - ${I(a.pad[1])};
        if (iw < 0i || iw >= ${I(W)}) { continue; }
        acc = acc + x1[((c1 * ${u(C)} + c) * ${u(KH)} + kh) * ${u(KW)} + kw] * x0[((c0 * ${u(C)} + c) * ${u(H)} + u32(ih)) * ${u(W)} + u32(iw)];
      }
    }
  }
  o[i] = acc;`);
}

/** dx[n,c,h,w] = sum over the (kh,kw,oh,ow) that read it of sum_o w[o,c,kh,kw] g[n,o,oh,ow]. Inputs [g, w]. */
export function conv2dGradInputProgram(g: Tensor, w: Tensor, out: Tensor, a: Conv2dAttrs): GpuProgram {
  const [, O, OH, OW] = g.shape;
  const [, C, KH, KW] = w.shape;
  const key = `conv2dGradInput|${JSON.stringify([g.shape, w.shape, out.shape, a])}`;
  return threads(key, out.size, 2, `${coordsOf(out.shape)}
  var acc = 0.0;
  for (var kh = 0u; kh < ${u(KH)}; kh++) {
    let th = i32(c2) + ${I(a.pad[0])} - i32(kh * ${u(a.dilation[0])});
    if (th < 0i || th % ${I(a.stride[0])} != 0i) { continue; }
    let oh = u32(th / ${I(a.stride[0])});
    if (oh >= ${u(OH)}) { continue; }
    for (var kw = 0u; kw < ${u(KW)}; kw++) {
      let tw = i32(c3) + ${I(a.pad[1])} - i32(kw * ${u(a.dilation[1])});
      if (tw < 0i || tw % ${I(a.stride[1])} != 0i) { continue; }
      let ow = u32(tw / ${I(a.stride[1])});
      if (ow >= ${u(OW)}) { continue; }
      var s = 0.0;
      for (var q = 0u; q < ${u(O)}; q++) {
        s = s + x1[((q * ${u(C)} + c1) * ${u(KH)} + kh) * ${u(KW)} + kw] * x0[((c0 * ${u(O)} + q) * ${u(OH)} + oh) * ${u(OW)} + ow];
      }
      acc = acc + s;
    }
  }
  o[i] = acc;`);
}

/** dw[o,c,kh,kw] = sum_{n,oh,ow} g[n,o,oh,ow] x[n,c,ih,iw]: one workgroup per weight, a tree over n,oh,ow. Inputs [x, g]. */
export function conv2dGradFilterProgram(x: Tensor, g: Tensor, out: Tensor, a: Conv2dAttrs): GpuProgram {
  const [N, C, H, W] = x.shape;
  const [, O, OH, OW] = g.shape;
  const R = N * OH * OW;
  const { workgroups, rowStride } = grid(out.size, 1);
  return {
    key: `conv2dGradFilter|${JSON.stringify([x.shape, g.shape, out.shape, a])}`,
    workgroups,
    code: () => `${header(2)}
${TREE_PART}
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = wid.x + wid.y * ${u(rowStride)};
  if (i >= ${u(out.size)}) { return; }
${coordsOf(out.shape)}
  var acc = 0.0;
  for (var r = lid.x; r < ${u(R)}; r += ${u(WG)}) {
    let ow = r % ${u(OW)};
    let oh = (r / ${u(OW)}) % ${u(OH)};
    let n = r / ${u(OH * OW)};
    let ih = i32(oh * ${u(a.stride[0])} + c2 * ${u(a.dilation[0])}) - ${I(a.pad[0])};
    let iw = i32(ow * ${u(a.stride[1])} + c3 * ${u(a.dilation[1])}) - ${I(a.pad[1])};
    if (ih >= 0i && ih < ${I(H)} && iw >= 0i && iw < ${I(W)}) {
      acc = acc + x1[((n * ${u(O)} + c0) * ${u(OH)} + oh) * ${u(OW)} + ow] * x0[((n * ${u(C)} + c1) * ${u(H)} + u32(ih)) * ${u(W)} + u32(iw)];
    }
  }
${treeReduce()}
  if (lid.x == 0u) { o[i] = part[0]; }
}`,
  };
}

/** WGSL for the flat index of the first maximum of window (oh, ow) of plane p (as the cpu kernel picks it). */
function argmaxFn(H: number, W: number, a: PoolAttrs): string {
  return `fn argmaxAt(p: u32, oh: u32, ow: u32) -> u32 {
  let base = p * ${u(H * W)};
  var best = base + oh * ${u(a.stride[0] * W)} + ow * ${u(a.stride[1])};
  var m = x0[best];
  for (var i = 0u; i < ${u(a.size[0])}; i++) {
    let r = base + (oh * ${u(a.stride[0])} + i) * ${u(W)} + ow * ${u(a.stride[1])};
    for (var j = 0u; j < ${u(a.size[1])}; j++) {
      if (x0[r + j] > m) { m = x0[r + j]; best = r + j; }
    }
  }
  return best;
}`;
}

export function maxPoolProgram(x: Tensor, out: Tensor, a: PoolAttrs): GpuProgram {
  const [, , H, W] = x.shape;
  const [, , OH, OW] = out.shape;
  const p = threads(`maxPool2d|${JSON.stringify([x.shape, a])}`, out.size, 1, `  let ow = i % ${u(OW)};
  let oh = (i / ${u(OW)}) % ${u(OH)};
  let p = i / ${u(OH * OW)};
  o[i] = x0[argmaxAt(p, oh, ow)];`);
  const code = p.code;
  return { ...p, code: () => `${code()}\n${argmaxFn(H, W, a)}` };
}

/** Window range [lo, hi) of pooled rows that contain input row h: oh sh <= h < oh sh + k. */
function windows(h: string, k: number, s: number, n: number, name: string): string {
  return `  let ${name}Lo = select(0u, (${h} + ${u(s)} - ${u(k)}) / ${u(s)}, ${h} + 1u > ${u(k)});
  let ${name}Hi = min(${h} / ${u(s)} + 1u, ${u(n)});`;
}

/** dx[p,h,w] = sum of g over the windows whose first maximum is (h, w). Inputs [x, g]. */
export function maxPoolGradProgram(x: Tensor, g: Tensor, out: Tensor, a: PoolAttrs): GpuProgram {
  const [, , H, W] = x.shape;
  const [, , OH, OW] = g.shape;
  const p = threads(`maxPool2dGrad|${JSON.stringify([x.shape, a])}`, out.size, 2, `  let w = i % ${u(W)};
  let h = (i / ${u(W)}) % ${u(H)};
  let p = i / ${u(H * W)};
${windows('h', a.size[0], a.stride[0], OH, 'oh')}
${windows('w', a.size[1], a.stride[1], OW, 'ow')}
  var acc = 0.0;
  for (var oh = ohLo; oh < ohHi; oh++) {
    for (var ow = owLo; ow < owHi; ow++) {
      if (argmaxAt(p, oh, ow) == i) { acc = acc + x1[(p * ${u(OH)} + oh) * ${u(OW)} + ow]; }
    }
  }
  o[i] = acc;`);
  const code = p.code;
  return { ...p, code: () => `${code()}\n${argmaxFn(H, W, a)}` };
}

export function avgPoolProgram(x: Tensor, out: Tensor, a: PoolAttrs): GpuProgram {
  const [, , H, W] = x.shape;
  const [, , OH, OW] = out.shape;
  return threads(`avgPool2d|${JSON.stringify([x.shape, a])}`, out.size, 1, `  let ow = i % ${u(OW)};
  let oh = (i / ${u(OW)}) % ${u(OH)};
  let p = i / ${u(OH * OW)};
  var s = 0.0;
  for (var a = 0u; a < ${u(a.size[0])}; a++) {
    let r = p * ${u(H * W)} + (oh * ${u(a.stride[0])} + a) * ${u(W)} + ow * ${u(a.stride[1])};
    for (var b = 0u; b < ${u(a.size[1])}; b++) { s = s + x0[r + b]; }
  }
  o[i] = s * ${lit(1 / (a.size[0] * a.size[1]))};`);
}

/** dx[p,h,w] = sum over windows containing (h, w) of g / (kh kw). Inputs [g]. */
export function avgPoolGradProgram(g: Tensor, out: Tensor, a: PoolAttrs): GpuProgram {
  const [, , H, W] = out.shape;
  const [, , OH, OW] = g.shape;
  return threads(`avgPool2dGrad|${JSON.stringify([out.shape, a])}`, out.size, 1, `  let w = i % ${u(W)};
  let h = (i / ${u(W)}) % ${u(H)};
  let p = i / ${u(H * W)};
${windows('h', a.size[0], a.stride[0], OH, 'oh')}
${windows('w', a.size[1], a.stride[1], OW, 'ow')}
  var acc = 0.0;
  for (var oh = ohLo; oh < ohHi; oh++) {
    for (var ow = owLo; ow < owHi; ow++) { acc = acc + x0[(p * ${u(OH)} + oh) * ${u(OW)} + ow] * ${lit(1 / (a.size[0] * a.size[1]))}; }
  }
  o[i] = acc;`);
}
