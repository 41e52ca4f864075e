/**
 * The engine's state: the active backend, tidy() scopes that return
 * intermediate storage to the pool, and the tape that records ops for autodiff.
 */
import type { Backend } from './backend';
import type { OpDef } from './op';
import type { Shape } from './shape';
import { Tensor } from './tensor';
import { cpuBackend } from './backends/cpu';

let backend: Backend = cpuBackend;
const scopes: Tensor[][] = [];

/** One recorded application of an op. */
export interface TapeNode {
  op: OpDef<any>;
  inputs: readonly Tensor[];
  out: Tensor;
  attrs: unknown;
}
let tape: TapeNode[] | null = null;

export function getBackend(): Backend {
  return backend;
}

/** Switches the backend for tensors created from now on. */
export function setBackend(b: Backend): void {
  backend = b;
}

function track(t: Tensor): Tensor {
  const s = scopes[scopes.length - 1];
  if (s) s.push(t);
  return t;
}

/** A tensor of `shape` with uninitialized pooled storage (kernels fill it). */
export function empty(shape: Shape): Tensor {
  return track(new Tensor(shape, backend.alloc(sizeOfShape(shape)), backend));
}

function sizeOfShape(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** A tensor holding `values` (row-major) with `shape`. */
export function tensor(values: ArrayLike<number>, shape: Shape): Tensor {
  const t = empty(shape);
  if (values.length !== t.size) throw new Error(`${values.length} values do not fill shape [${shape}]`);
  backend.write(t.storage, values instanceof Float32Array ? values : Float32Array.from(values));
  return t;
}

export function zeros(shape: Shape): Tensor {
  return fill(shape, 0);
}

export function fill(shape: Shape, value: number): Tensor {
  const t = empty(shape);
  backend.write(t.storage, new Float32Array(t.size).fill(value));
  return t;
}

const scalarHost = new Float32Array(1);
/** A shape-[] tensor; used when an op is given a plain number. */
export function scalar(v: number): Tensor {
  const t = empty([]);
  scalarHost[0] = v;
  backend.write(t.storage, scalarHost);
  return t;
}

/** A trainable leaf tensor that survives every tidy() scope. */
export function variable(values: ArrayLike<number>, shape: Shape): Tensor {
  const t = keep(tensor(values, shape));
  t.requiresGrad = true;
  return t;
}

/** Marks a tensor to survive tidy(); dispose it yourself. */
export function keep<T extends Tensor>(t: T): T {
  t.kept = true;
  return t;
}

/**
 * Runs `fn`, then disposes every tensor created inside that is not kept and
 * not part of the result (a tensor, an array or an object of tensors).
 */
export function tidy<T>(fn: () => T): T {
  scopes.push([]);
  let result: T;
  try {
    result = fn();
  } finally {
    const created = scopes.pop()!;
    const survivors = new Set<Tensor>();
    collect(result!, survivors);
    const parent = scopes[scopes.length - 1];
    for (const t of created) {
      if (survivors.has(t)) {
        if (parent) parent.push(t);
      } else if (!t.kept) t.dispose();
    }
  }
  return result;
}

function collect(v: unknown, into: Set<Tensor>): void {
  if (v instanceof Tensor) into.add(v);
  else if (Array.isArray(v)) for (const x of v) collect(x, into);
  else if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const x of Object.values(v)) collect(x, into);
  }
}

/**
 * Each input of `op` is live and lives on the active backend: a tensor made
 * before a setBackend() (or moved by relocate()) would hand one backend's
 * storage to another's kernel, which the cpu would read as garbage.
 */
function checkInputs(op: OpDef<any>, inputs: readonly Tensor[]): void {
  for (const t of inputs) {
    if (t.disposed) t.assertLive(`use in ${op.name}()`);
    if (t.backend !== backend) {
      throw new Error(`${op.name}(): tensor ${t.id} (shape [${t.shape}]) lives on the ${t.backend.name} backend, but the active backend is ${backend.name}; make it after setBackend() or copy it over (tensor(await t.read(), t.shape))`);
    }
  }
}

/** Runs an op: allocates its output, calls the backend kernel, records it on the tape. */
export function apply<A>(op: OpDef<A>, inputs: readonly Tensor[], attrs: A): Tensor {
  checkInputs(op, inputs);
  const out = empty(op.shape(inputs.map((t) => t.shape), attrs));
  backend.exec(op, inputs, out, attrs);
  if (tape && op.vjp) {
    for (const t of inputs) {
      if (t.tracked || t.requiresGrad) {
        out.tracked = true;
        tape.push({ op, inputs, out, attrs });
        break;
      }
    }
  }
  return out;
}

/** Records the ops `fn` runs so that gradients can be taken; returns the tape. */
export function record<T>(fn: () => T): { result: T; tape: TapeNode[] } {
  if (tape) throw new Error('nested record() is not supported');
  tape = [];
  try {
    const result = fn();
    return { result, tape };
  } finally {
    tape = null;
  }
}

/** Overwrites `dst`'s values with `src`'s (same size): in-place updates of parameters and state. */
export function assign(dst: Tensor, src: Tensor): void {
  if (dst.size !== src.size) throw new Error(`assign: size ${src.size} into ${dst.size}`);
  src.assertLive('assign() from');
  dst.assertLive('assign() into');
  backend.copy(src, dst);
}

/**
 * dst <- op(inputs), written straight into dst's storage on the cpu backend
 * (the SGD step: no result tensor and no copy of 650,000 parameters); only for
 * an elementwise op whose output element i reads only element i of each input,
 * so that dst may also be one of the inputs. Elsewhere (webgpu cannot bind one
 * buffer as a dispatch's input and output) the result is computed and copied.
 */
export function updateInPlace<A>(dst: Tensor, op: OpDef<A>, inputs: readonly Tensor[], attrs: A): void {
  dst.assertLive('updateInPlace() into');
  if (backend.name !== 'cpu') return assign(dst, apply(op, inputs, attrs));
  checkInputs(op, [dst, ...inputs]);
  const shape = op.shape(inputs.map((t) => t.shape), attrs);
  if (shape.reduce((p, d) => p * d, 1) !== dst.size) throw new Error(`updateInPlace: ${op.name} gives [${shape}], not ${dst.size} values`);
  backend.exec(op, inputs, dst, attrs);
}

/** Runs a forward pass outside any tape and keeps the result (dispose it yourself). */
export function noGradEval<T extends Tensor | null>(fn: () => T): T {
  const saved = tape;
  tape = null;
  try {
    const r = tidy(fn);
    if (r) keep(r);
    return r;
  } finally {
    tape = saved;
  }
}
