/**
 * The one template of the plain unary elementwise ops (abs, exp, log, sqrt,
 * sign, step, neg): each gives its element rule as a JS expression of `v`
 * (compiled into the loop, as the binary template does: compileLoop.ts), the
 * same rule as a function (the loop where eval is not allowed), and as a WGSL
 * expression of `a`. Ops with their own fast paths (relu, tanh: SIMD) keep
 * their own kernels.
 */
import { apply } from '../engine';
import { elementwiseKernel } from '../backends/webgpu/program';
import { buf, type CpuKernel, type OpDef } from '../op';
import type { OpCase } from '../opCase';
import type { Tensor } from '../tensor';
import { compileLoop } from './compileLoop';

export interface UnaryRule {
  name: string;
  /** The element rule as a JS expression of the number `v`, e.g. `Math.exp(v)`. */
  expr: string;
  fn: (v: number) => number;
  /** The element rule in WGSL, of `a`. */
  wgsl: string;
  vjp?: OpDef['vjp'];
  cases: OpCase[];
}

/** Characters of an expression once its Math.<fn> calls are taken out. */
const SAFE_EXPR = /^[v\d\s+\-*/?:<>=!.()]+$/;

type Kernel = CpuKernel<undefined>;

/** The loop with `fn` called per element. */
export function unaryFallback(fn: (v: number) => number): Kernel {
  return ([a], out) => {
    const x = buf(a);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) o[i] = fn(x[i]);
  };
}

/** The loop with `rule.expr` written in; null where the page forbids eval. */
export function compileUnary(rule: Pick<UnaryRule, 'name' | 'expr'>): Kernel | null {
  if (!SAFE_EXPR.test(rule.expr.replace(/Math\.[a-z]+\(/g, '('))) throw new Error(`unary rule ${rule.name}: unexpected characters in "${rule.expr}"`);
  return compileLoop<Kernel>(rule.name, 'ta', `
const x = ta.storage, o = out.storage, n = o.length;
for (let i = 0; i < n; i++) { const v = x[i]; o[i] = ${rule.expr}; }`);
}

/** The op of a unary rule: shape in = shape out, any shape. */
export function unaryOp(rule: UnaryRule): OpDef {
  return {
    name: rule.name,
    shape: ([s]) => s,
    vjp: rule.vjp,
    cpu: compileUnary(rule) ?? unaryFallback(rule.fn),
    webgpu: elementwiseKernel(rule.name, rule.wgsl),
    cases: rule.cases,
  };
}

/** Applies a unary op (the public function of each). */
export const applyUnary = (op: OpDef, x: Tensor): Tensor => apply(op, [x], undefined);
